import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { loadConfiguration } from './config/configuration';

async function bootstrap() {
  const config = loadConfiguration();
  const logger = new ConsoleLogger({ json: config.LOG_FORMAT === 'json', prefix: 'urna' });
  const app = await NestFactory.create(AppModule, { logger });
  const openapi = new DocumentBuilder()
    .setTitle('Urna')
    .setDescription('Verifiable internet voting for voters abroad: ledger, transparency log and bulletin board')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openapi));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  logger.log(`Urna listening on http://${config.HOST}:${config.PORT} (OpenAPI at /docs)`);
}

bootstrap().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
