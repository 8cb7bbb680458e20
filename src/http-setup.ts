import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** What every instance of the HTTP app gets, in the service and in end-to-end tests alike. */
export function configureHttp(app: INestApplication): void {
  const openapi = new DocumentBuilder()
    .setTitle('Urna')
    .setDescription('Verifiable internet voting for voters abroad: ledger, transparency log, bulletin board and booth API')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openapi));
}
