/** The board's receipt lookup as a query: a cast ballot's public facts by its tracking code. */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VotingProjection, type ReceiptRow } from './voting-projection';

/** `trackingCode`: the full hex code, or the prefix a readable code stands for. */
export class ReceiptQuery extends Query<ReceiptRow | undefined> {
  constructor(readonly trackingCode: string) {
    super();
  }
}

@QueryHandler(ReceiptQuery)
export class ReceiptHandler implements IQueryHandler<ReceiptQuery> {
  constructor(private readonly projection: VotingProjection) {}
  execute(query: ReceiptQuery): Promise<ReceiptRow | undefined> {
    return this.projection.findReceipt(query.trackingCode);
  }
}
