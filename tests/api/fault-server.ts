/** The API server as its own process (for the fault test): configured by the environment, prints its port. */
import { parseConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';

const running = await startServer(parseConfig(process.env));
process.stdout.write(`${JSON.stringify({ listening: running.port })}\n`);
