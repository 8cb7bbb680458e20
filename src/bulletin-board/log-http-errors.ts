/** Every /log error is JSON {error, message, mensaje}: 400 for bad input, 404 for absent things. */
import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { LogNotFoundError, LogRangeError, MerkleLogError } from '../ledger/merkle/merkle-log-errors';

export function badRequest(message: string, mensaje: string, error = 'invalid_parameter'): BadRequestException {
  return new BadRequestException({ error, message, mensaje });
}

export function notFound(message: string, mensaje: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message, mensaje });
}

/** Turns the log's typed errors into the API's error bodies. */
@Catch(MerkleLogError)
export class MerkleLogErrorFilter implements ExceptionFilter {
  catch(err: MerkleLogError, host: ArgumentsHost): void {
    let http: HttpException;
    if (err instanceof LogNotFoundError) http = notFound(err.message, 'no existe en el registro: ' + err.message);
    else if (err instanceof LogRangeError) http = badRequest(err.message, 'fuera del rango del registro: ' + err.message, 'out_of_range');
    else http = new HttpException({ error: 'log_unavailable', message: err.message, mensaje: 'el registro no está disponible' }, 503);
    host.switchToHttp().getResponse<Response>().status(http.getStatus()).json(http.getResponse());
  }
}
