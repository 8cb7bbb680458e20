/**
 * The closing export (numeral on closing: "the encrypted ballot box is exported with no link
 * to voters, and hashed"). One JSON Lines file: one line per cast ballot, each the ballot
 * exactly as cast in RFC 8785 canonical JSON, sorted by tracking code so that the file's
 * order says nothing about who voted when; no cast time, no log position, no identity.
 *
 * The pseudonym stays inside each ballot: it is bound into the ballot's proofs and tracking
 * code (removing it would make the ballots unverifiable), it is public on the roll, and it is
 * what makes "one ballot per pseudonym" checkable. Pseudonym → person lives only in sealed
 * events.
 *
 * First, every cast the voters' sealed streams recorded but whose publication a crash
 * interrupted is published (publish-recorded-casts.ts), so that no recorded vote is missing.
 *
 * Then BallotBoxExported is appended to the lifecycle stream with the file's SHA-256 and a
 * signed checkpoint that covers every exported ballot, so the tally can recompute and compare.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { RecordBallotBoxExportCommand } from './closing.commands';
import { publishRecordedCasts, type RecordedCastsPublication } from './publish-recorded-casts';
import { ballotBoxStream } from './ballot-box';
import { writeBallotBoxFile } from './ballot-box-file';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import { DomainError } from '../domain/shared/decider';
import type { EventStore } from '../ledger/event-store';
import { toHex } from '../ledger/merkle/encoding';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

export interface ClosingCheckpoint {
  size: number;
  rootHash: Uint8Array;
  note: string;
}

export interface ExportBallotBoxOptions {
  /** Where BallotBoxExported is sent. */
  commands: CommandBus;
  /** Where the JSON Lines file is written (atomically: temp file, then rename). */
  outputPath: string;
  /** The log's checkpoints (CheckpointService fits); the export waits for one covering every ballot. */
  checkpoints: { latest(): Promise<ClosingCheckpoint | undefined> };
  /** Longest wait for that checkpoint. Default 30 s. */
  checkpointTimeoutMs?: number;
  now?: () => Date;
  actor?: string;
}

export interface BallotBoxExport {
  path: string;
  sha256: string;
  ballots: number;
  bytes: number;
  checkpoint: { size: number; rootHash: string; note: string };
  /** Recorded casts published at closing because a crash had interrupted their publication. */
  recoveredCasts: RecordedCastsPublication;
}

export async function exportBallotBox(store: EventStore, electionId: string, options: ExportBallotBoxOptions): Promise<BallotBoxExport> {
  const now = options.now ?? (() => new Date());
  const lifecycle = await loadState(store, lifecycleStream(electionId), lifecycleDecider);
  if (lifecycle.state.phase !== 'closed') {
    throw new DomainError('NOT_CLOSED', both(cliMessages, 'closing.error.notClosed'));
  }
  // A cast the voter's stream recorded but a crash kept from being published goes in the box too.
  const recovered = await publishRecordedCasts(store, options.commands, electionId);

  // The box goes to a temporary file as it is read from the ledger (never whole in memory), and
  // takes the final name only once a checkpoint covers its last ballot.
  await mkdir(dirname(options.outputPath), { recursive: true });
  const tmp = `${options.outputPath}.${process.pid}.tmp`;
  try {
    // The spill file sits beside the output, which will hold the same bytes: the OS temp folder
    // may be a RAM disk too small for a large box.
    const box = await writeBallotBoxFile(ballotBoxStream(store, electionId, undefined, { spillDir: dirname(options.outputPath) }), tmp);
    const lastPosition = box.lastPosition;

    const deadline = Date.now() + (options.checkpointTimeoutMs ?? 30_000);
    let checkpoint = await options.checkpoints.latest();
    while (!checkpoint || checkpoint.size <= lastPosition) {
      if (Date.now() > deadline) throw new Error(`no checkpoint covers the last ballot (log index ${lastPosition}) yet`);
      await new Promise((r) => setTimeout(r, 50));
      checkpoint = await options.checkpoints.latest();
    }
    await rename(tmp, options.outputPath);

    const closing = { size: checkpoint.size, rootHash: toHex(checkpoint.rootHash), note: checkpoint.note };
    await options.commands.execute(new RecordBallotBoxExportCommand(electionId, {
      type: 'RecordBallotBoxExport', electionId, ballots: box.ballots, sha256: box.sha256, checkpoint: closing, now: now().toISOString(),
    }, { actor: options.actor ?? 'system:closing' }));
    return { path: options.outputPath, sha256: box.sha256, ballots: box.ballots, bytes: box.bytes, checkpoint: closing, recoveredCasts: recovered };
  } finally {
    await rm(tmp, { force: true });
  }
}
