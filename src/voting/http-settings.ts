/**
 * App-level HTTP settings the voting API needs and a module cannot set itself: the JSON body
 * parser with its size limit (MAX_BODY_BYTES) and refusals of bad bodies in the API's error
 * shape. Create the app with `{ bodyParser: false }` and call this before `init()`/`listen()`.
 */
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { MAX_BODY_BYTES } from './voting-api.options';

export function applyVotingHttpSettings(app: INestApplication, options: { bodyLimitBytes?: number; trustProxy?: boolean } = {}): void {
  const limit = options.bodyLimitBytes ?? MAX_BODY_BYTES;
  const instance = app.getHttpAdapter().getInstance() as express.Express;
  instance.disable('x-powered-by');
  if (options.trustProxy) instance.set('trust proxy', true);
  app.use(express.json({ limit, strict: true }));
  app.use(express.urlencoded({ extended: false, limit }));
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
    if (err.type === 'entity.too.large') {
      return res.status(413).json({ error: 'PAYLOAD_TOO_LARGE', message: `The request body exceeds ${limit} bytes.`, mensaje: `El cuerpo de la solicitud excede ${limit} bytes.` });
    }
    return res.status(err.status && err.status < 500 ? err.status : 400).json({ error: 'MALFORMED_BODY', message: 'The request body is not valid JSON.', mensaje: 'El cuerpo de la solicitud no es JSON válido.' });
  });
}
