/** Everything a request handler needs, built once by the composition root (server.ts or a test). */
import type { Logger } from 'pino';
import type { SigningKey } from '../core/crypto/keys.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Integrator } from './log/integrator.ts';
import type { Sequencer } from './log/sequencer.ts';
import type { ServiceMetrics } from './metrics/service-metrics.ts';

export interface Services {
  config: Config;
  db: Db;
  sequencer: Sequencer;
  integrator: Integrator;
  serviceKey: SigningKey;
  /** node:crypto Ed25519 signer of serviceKey (same signatures as core's signBytes). */
  signWithServiceKey: (message: Uint8Array) => Uint8Array;
  /** Per-signing-key submission limit (throws rateLimited); called once the signatures verify. */
  limitKeys: (keyIds: readonly string[]) => void;
  logger: Logger;
  metrics: ServiceMetrics;
  now: () => number;
}
