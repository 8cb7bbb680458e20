/**
 * Trustee stations post their partial decryptions side by side; one service decides an
 * election's posts one at a time (TallyService.submit), so they do not cross on the tally
 * stream (a crossed post was decided again and, after a few crossings, sent back to the station
 * with CONCURRENT_CHANGE and a wait of up to 2 s).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { SUBMISSION_FORMAT, type TallySubmission } from '../../src/domain/ceremony/trustee-submission';
import { TallyService } from '../../src/tally/tally-service';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { useTrusteeWorkbench } from '../support/trustee-workbench';

jest.setTimeout(240_000);

describe("a service decides an election's trustee posts one at a time", () => {
  const bench = useTrusteeWorkbench('tally-posts', 2);

  it('four posts sent at once reach the command bus one after another, and a refused one does not stop the next', async () => {
    const store = await bench.freshStore();
    const election = await buildClosedElection(store, { voters: 2, tokens: bench.tokens, threshold: 2, manualText: smallManualText() });
    const commands = await commandsFor(store);
    let running = 0;
    let most = 0;
    const counting = {
      execute: async (command: unknown) => {
        running++;
        most = Math.max(most, running);
        try {
          await new Promise((r) => setTimeout(r, 20));
          return await commands.execute(command as never);
        } finally {
          running--;
        }
      },
    } as unknown as CommandBus;
    const service = new TallyService(store, counting, { workers: 0 });
    // Not signed by trustee 1's key (and no tally started): each is refused by the decider.
    const post = (k: number): TallySubmission => ({
      format: SUBMISSION_FORMAT, electionId: election.electionId, kind: 'partial-decryption', trusteeIndex: 1, contestId: `C${k}`, partials: [], signature: '00'.repeat(64),
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((k) => service.submit(post(k))));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(most).toBe(1);
  });
});
