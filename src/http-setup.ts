import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { applyVotingHttpSettings } from './voting/http-settings';
import { mountWeb, type MountWebOptions } from './web/web.module';

/**
 * What every instance of the HTTP app gets, in the service and in end-to-end tests alike:
 * the JSON body limit and error shape, the OpenAPI document at /docs, and (optionally) the
 * bulletin board and booth pages at /. Create the app with `{ bodyParser: false }`.
 */
export async function configureHttp(app: INestApplication, options: { web?: false | MountWebOptions; trustedProxies?: readonly string[] } = {}): Promise<void> {
  applyVotingHttpSettings(app, { trustedProxies: options.trustedProxies });
  // Keep idle connections open longer than clients keep them pooled (browsers and fetch reuse
  // sockets for ~4-60 s). With Node's default of 5 s a client can send a request on a socket
  // the server is closing at that instant: the request fails with a reset (seen under load).
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const openapi = new DocumentBuilder()
    .setTitle('Urna')
    .setDescription('Verifiable internet voting for voters abroad: ledger, transparency log, bulletin board and booth API')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openapi));
  if (options.web !== false) await mountWeb(app as NestExpressApplication, options.web ?? {});
}
