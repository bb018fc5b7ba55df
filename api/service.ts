/** Builds the running service from a config: database, migrations, sequencer, integrator, app. */
import { join } from 'node:path';
import { pino } from 'pino';
import { encodeVerifierKey } from '../core/log/index.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { fastEd25519Signer } from './fast-sign.ts';
import { Integrator } from './log/integrator.ts';
import { Sequencer } from './log/sequencer.ts';
import { createServiceMetrics } from './metrics/service-metrics.ts';
import { keyRateLimiter } from './middleware/rate-limit.ts';
import { serviceKeyFromConfig } from './service-key.ts';
import type { Services } from './services.ts';

export interface Service {
  app: ReturnType<typeof createApp>;
  services: Services;
  /** The log's C2SP verifier key string (name+hash+base64 key). */
  verifierKey: string;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** PGlite data directory override (tests use 'memory://'). */
  pgliteDir?: string;
  /** Start the periodic integrator (default true). */
  integrate?: boolean;
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = pino({ level: config.LOG_LEVEL });
  const database = await openDatabase(config.DATABASE_URL, options.pgliteDir ?? join(config.DATA_DIR, 'db'));
  const serviceKey = serviceKeyFromConfig(config.SERVICE_KEY, config.DATA_DIR);
  const metrics = createServiceMetrics();
  const sequencer = new Sequencer(database.db, { onBatch: (size) => metrics.batchSize.observe(size) });
  const integrator = new Integrator(database.db, config.LOG_ORIGIN, serviceKey.secretKey);
  if (options.integrate !== false) integrator.start(config.CHECKPOINT_INTERVAL_MS);
  const services: Services = {
    config,
    db: database.db,
    sequencer,
    integrator,
    serviceKey,
    signWithServiceKey: fastEd25519Signer(serviceKey.secretKey),
    limitKeys: keyRateLimiter(config.RATE_LIMIT_PER_KEY_PER_MINUTE),
    logger,
    metrics,
    now: Date.now,
  };
  return {
    app: createApp(services),
    services,
    verifierKey: encodeVerifierKey(config.LOG_ORIGIN, serviceKey.publicKey),
    async close() {
      integrator.stop();
      await sequencer.idle();
      await database.close();
    },
  };
}
