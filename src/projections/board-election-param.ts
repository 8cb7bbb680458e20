/**
 * The `election` query parameter of the public board's routes: an id as the ledger's stream names
 * can hold it, or, when absent, the newest election recorded. Shared by the board's controllers
 * so that every route refuses the same bad input the same way.
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import { pair, type Bilingual } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { DefaultElectionQuery } from './board.queries';

/** {error, message, mensaje}, the shape of every refusal of the public APIs. */
export function refusal(status: HttpStatus, error: string, text: Bilingual): HttpException {
  return new HttpException({ error, message: text.en, mensaje: text.es }, status);
}

/** A control character (a NUL above all, which PostgreSQL refuses in text) is bad input, never a 500. */
const ELECTION_ID = /^[^\u0000-\u001f\u007f]{1,200}$/u;

export async function resolveElectionId(queries: QueryBus, requested: unknown): Promise<string> {
  if (requested !== undefined && requested !== '') {
    if (typeof requested !== 'string' || !ELECTION_ID.test(requested)) {
      throw refusal(HttpStatus.BAD_REQUEST, 'bad_request', pair(voterApiMessages, 'board.electionIdInvalid'));
    }
    return requested;
  }
  const id = await queries.execute(new DefaultElectionQuery());
  if (!id) throw refusal(HttpStatus.NOT_FOUND, 'no_election', pair(voterApiMessages, 'board.noElection'));
  return id;
}
