/**
 * The `election` query parameter of the public board's routes: an id as the ledger's stream names
 * can hold it, or, when absent, the newest election recorded. Shared by the board's controllers
 * so that every route refuses the same bad input the same way.
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import { isElectionIdParam } from '../http/election-id-param';
import { pair, type Bilingual } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { DefaultElectionQuery } from './board.queries';

/** {error, message, mensaje}, the shape of every refusal of the public APIs. */
export function refusal(status: HttpStatus, error: string, text: Bilingual): HttpException {
  return new HttpException({ error, message: text.en, mensaje: text.es }, status);
}

export async function resolveElectionId(queries: QueryBus, requested: unknown): Promise<string> {
  if (requested !== undefined && requested !== '') {
    if (!isElectionIdParam(requested)) {
      throw refusal(HttpStatus.BAD_REQUEST, 'bad_request', pair(voterApiMessages, 'board.electionIdInvalid'));
    }
    return requested;
  }
  const id = await queries.execute(new DefaultElectionQuery());
  if (!id) throw refusal(HttpStatus.NOT_FOUND, 'no_election', pair(voterApiMessages, 'board.noElection'));
  return id;
}
