import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { EventStore } from '../ledger/event-store';
import { applyVotingHttpSettings } from '../voting/http-settings';
import { TrusteeApiModule } from './trustee-api.module';

/**
 * The trustee API alone on a port, for the key ceremony while the service is not running yet
 * (`urna setup`, the simulacro): the trustees' stations reach it over HTTP as they would reach
 * the service. Same JSON body limit and error shape as the service.
 */
export async function startTrusteeApi(store: EventStore, options: { electionId?: string; host?: string; port?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const app = await NestFactory.create<NestExpressApplication>(TrusteeApiModule.withStore(store, { electionId: options.electionId }), {
    bodyParser: false,
    logger: ['error', 'warn'],
    // Errors from the app's methods are thrown to the caller, not turned into process.exit(1):
    // installSignInDoor asks for the voting API's options, which this app does not have.
    abortOnError: false,
  });
  applyVotingHttpSettings(app, { allowedOrigins: [] });
  // Stations poll with kept-alive connections: keep them open longer than a client reuses them
  // (as configureHttp does for the service), or a request sent as the server closes one fails.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 0, host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
