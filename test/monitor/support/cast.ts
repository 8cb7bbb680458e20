/**
 * Ballots for the monitor's specs: cast through the command path as the voting service does
 * (the voter's sealed stream decides, then the public BallotCast), or built as the raw public
 * event a dishonest server could append by itself (optionally altered first).
 */
import { toNewEvent } from '../../../src/command-path/stream-state';
import { encryptBallot } from '../../../src/domain/crypto/ballot/encrypt-ballot';
import { spoilBallot } from '../../../src/domain/crypto/ballot/benaloh';
import { SPOILED_BALLOT_ACTOR } from '../../../src/domain/voting/decider';
import type { EncryptedBallotJson } from '../../../src/domain/crypto/ballot/ballot-format';
import { group } from '../../../src/domain/crypto/active-group';
import { electionContext } from '../../../src/domain/crypto/election-context';
import { encryptionTables } from '../../../src/domain/crypto/elgamal';
import { fromHex } from '../../../src/domain/crypto/hash';
import { manifestBallotStyles } from '../../../src/domain/tally/manifest-styles';
import type { EventStore, NewEvent } from '../../../src/ledger/event-store';
import { CastBallotCommand, PublishCastBallotCommand } from '../../../src/voting/voting.commands';
import { commandsFor } from '../../support/command-path';
import type { OpenElection, TestVoter } from '../../support/open-election';

type MutableBallot = { -readonly [K in keyof EncryptedBallotJson]: EncryptedBallotJson[K] };

function encrypt(election: OpenElection, voter: TestVoter) {
  const context = electionContext(fromHex(election.manifestHash, 32), group.decode(fromHex(election.publicKeyHex, 32)));
  const style = manifestBallotStyles(election.manifest).find((s) => s.id === voter.styleId)!;
  const selections = Object.fromEntries(style.contests.map((c) => [c.id, c.optionIds[0]]));
  return { style, ...encryptBallot({ context, tables: encryptionTables(context.publicKey), style, pseudonym: voter.pseudonym, credential: voter.credential, selections }) };
}

export async function castBallot(store: EventStore, election: OpenElection, voter: TestVoter): Promise<void> {
  const commands = await commandsFor(store);
  const { electionId, votingClosesAt } = election;
  const { style, ballot, secrets } = encrypt(election, voter);
  const { bindingNonce, signature } = secrets;
  const now = new Date().toISOString();
  const meta = { actor: `voter:${voter.pseudonym}` };
  await commands.execute(new CastBallotCommand(electionId, {
    type: 'CastBallot', electionId, pseudonym: voter.pseudonym, bindingNonce, credential: voter.credential.publicKey, signature, credentialStatus: 'active',
    entitledStyleId: style.id, styleId: style.id, trackingCode: ballot.trackingCode, ballot, ballotVerified: true,
    reusesPublishedSpoiledCiphertext: false, votingPhase: 'voting', votingClosesAt, now,
  }, meta));
  await commands.execute(new PublishCastBallotCommand(electionId, {
    type: 'PublishCastBallot', electionId, pseudonym: voter.pseudonym, bindingNonce, credential: voter.credential.publicKey, signature, styleId: style.id,
    trackingCode: ballot.trackingCode, ballot, recordedTrackingCode: ballot.trackingCode, castAt: now,
  }, meta));
}

/** The public BallotCast of a fresh ballot of `voter`, as the ledger would take it, with `alter` applied to the ballot. */
export function ballotCastEvent(election: OpenElection, voter: TestVoter, alter?: (ballot: MutableBallot) => void): NewEvent {
  const { style, ballot, secrets } = encrypt(election, voter);
  const copy = JSON.parse(JSON.stringify(ballot)) as MutableBallot;
  alter?.(copy);
  return toNewEvent({
    type: 'BallotCast',
    data: {
      electionId: election.electionId, pseudonym: voter.pseudonym, bindingNonce: secrets.bindingNonce, credential: voter.credential.publicKey,
      signature: secrets.signature, styleId: style.id, trackingCode: copy.trackingCode, ballot: copy, castAt: new Date().toISOString(),
    },
  }, { actor: `voter:${voter.pseudonym}` });
}

/**
 * The public BallotSpoiled of a fresh ballot of `voter` with its disclosure (selections and
 * nonces), as the service publishes an audited ballot; `alter` changes the disclosure first.
 */
export function ballotSpoiledEvent(election: OpenElection, voter: TestVoter, alter?: (disclosure: { selections: Record<string, string>; nonces: string[][] }) => void): { stream: string; event: NewEvent } {
  const { style, ballot, secrets } = encrypt(election, voter);
  const spoiled = spoilBallot(ballot, secrets);
  const disclosure = JSON.parse(JSON.stringify({ selections: spoiled.selections, nonces: spoiled.nonces })) as { selections: Record<string, string>; nonces: string[][] };
  alter?.(disclosure);
  return {
    stream: `spoiled-${election.electionId}-${ballot.trackingCode}`,
    event: toNewEvent({
      type: 'BallotSpoiled',
      data: { electionId: election.electionId, styleId: style.id, trackingCode: ballot.trackingCode, ballot: JSON.parse(JSON.stringify(ballot)), disclosure, spoiledAt: new Date().toISOString() },
    }, { actor: SPOILED_BALLOT_ACTOR }),
  };
}
