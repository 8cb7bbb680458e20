/**
 * What one BallotCast must say of itself (record.md V13), apart from the roll and the other
 * ballots: it is revision 0 of `ballot-<election>-<its pseudonym>`, a v1 ballot's own pseudonym
 * is the event's, and the event's binding nonce opens the ballot's voter binding to the
 * pseudonym and the credential. Shared by `urna verify` and `urna monitor`.
 */
import { opensVoterBinding } from '../domain/crypto/ballot/voter-binding';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';

export interface CastEventFacts {
  pseudonym: string;
  trackingCode: string;
  styleId: string;
}

export function castEventFacts(e: PublicEventEntry): CastEventFacts {
  const d = e.data as { pseudonym?: string; ballot?: { styleId?: string; trackingCode?: string } };
  return { pseudonym: String(d.pseudonym), trackingCode: String(d.ballot?.trackingCode), styleId: String(d.ballot?.styleId) };
}

export function castEventProblems(e: PublicEventEntry, electionId: string): string[] {
  const problems: string[] = [];
  const d = e.data as { pseudonym?: string; ballot?: { pseudonym?: string }; bindingNonce?: unknown; credential?: unknown };
  const b = d.ballot ?? {};
  const pseudonym = String(d.pseudonym);
  if (e.stream !== `ballot-${electionId}-${pseudonym}` || e.revision !== 0 || ('pseudonym' in b && b.pseudonym !== pseudonym)) {
    problems.push(`BallotCast at ${e.position} is not the first event of its pseudonym's stream`);
  }
  // urna/ballot/v3 (docs/spec/crypto.md, "Voter binding").
  if (!opensVoterBinding((b as { voterBinding?: unknown }).voterBinding, pseudonym, d.credential, d.bindingNonce)) {
    problems.push(`BallotCast at ${e.position}: the ballot's voter binding does not open to pseudonym ${pseudonym} and the event's credential with its binding nonce`);
  }
  return problems;
}
