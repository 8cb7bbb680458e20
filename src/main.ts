import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { loadConfiguration } from './config/configuration';
import { dataLayout } from './config/data-layout';
import { migrateLegacyLayout } from './config/legacy-layout';
import { createLogSigner } from './log-signer';
import { describeStartupFailure, startupFailureLines, type StartupContext } from './faults/startup-failure';
import { selectGroupBackendFromEnv } from './parallel/group-backend';

/** What the start-up failure message may name (filled as soon as the configuration is read). */
const context: StartupContext = {};

async function bootstrap() {
  const config = loadConfiguration();
  // The deciders on this thread check trustees' proofs with the same backend as the worker threads.
  await selectGroupBackendFromEnv();
  Object.assign(context, { host: config.HOST, port: config.PORT, dataDir: config.URNA_DATA_DIR, databaseUrl: config.DATABASE_URL });
  const logger = new ConsoleLogger({ json: config.LOG_FORMAT === 'json', prefix: 'urna', logLevels: levelsFrom(config.LOG_LEVEL) });
  // A folder made by an older `urna setup` is moved to the one layout first (or refused).
  for (const moved of migrateLegacyLayout(dataLayout(config.URNA_DATA_DIR), { logKeyFile: config.URNA_LOG_KEY_FILE })) logger.log(`data layout: ${moved}`);
  const signer = await createLogSigner(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { signer }), {
    logger,
    bodyParser: false,
    // Let a failure reach the catch below, which says what to do (Nest would log and exit(1)).
    abortOnError: false,
  });
  await configureHttp(app, { trustedProxies: config.URNA_TRUSTED_PROXIES });
  app.enableShutdownHooks();
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (err) {
    await app.close().catch(() => undefined); // stops the embedded PostgreSQL too
    throw err;
  }
  logger.log(`Urna listening on http://${config.HOST}:${config.PORT} (board at /, booth at /booth.html, OpenAPI at /docs, health at /health)`);
}

function levelsFrom(level: string): ('error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

bootstrap().catch((err) => {
  const failure = describeStartupFailure(err, context);
  for (const line of startupFailureLines(failure)) process.stderr.write(`${line}\n`);
  if (failure.key === 'startup.unknown' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(failure.exitCode);
});
