/**
 * `urna trustee …`: the trustee station, run by each trustee on their own machine with their own
 * token (PKCS11_MODULE / SOFTHSM2_CONF say which module) and their own data folder. The PIN is
 * read here (URNA_TRUSTEE_PIN, --pin-file, or typed) and never leaves this process.
 *
 *   init      generate the election's signing key in the token; write enrolment.json
 *   status    where the ceremony stands, what to do next, every trustee's key fingerprint
 *   next      do this trustee's next ceremony step, if it is its turn
 *   ceremony  do every step as its turn comes, until this trustee's share is sealed
 *   check-box check the exported ballot box as soon as it is published and keep the check
 *             (sealed by the token) for the tally
 *   tally     check the totals against the exported ballot box (or the kept check of it), then
 *             decrypt and send
 *   view      save what the service shows (for an air-gapped station)
 *   submit    hand the service a file of signed messages an air-gapped station wrote
 * Online: --service <url>. Air-gapped: --view <file> (from `view`) and --out <file> (for `submit`).
 */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { TrusteeStep } from '../domain/ceremony/progress';
import { ceremonyProgress } from '../domain/ceremony/progress';
import { signingKeyFingerprint } from '../domain/ceremony/trustee-signature';
import { readSubmission } from '../domain/ceremony/trustee-submission';
import { joinBoth, messagesOf, type Bilingual } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { fileChunks } from '../tally/ballot-box-bytes';
import { CeremonyStation, type CeremonyPort } from './ceremony-station';
import { FileCeremonyPort, FileTallyPort, readSubmissionFile } from './file-ports';
import { HttpCeremonyPort, HttpTallyPort } from './http-ports';
import { initStation } from './init-station';
import { ServiceRefusedError, StationError } from './station-errors';
import { StationFolder } from './station-folder';
import { StationToken } from './station-token';
import { TallyStation, type TallyPort } from './tally-station';

const m = messagesOf(trusteeStationMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);
/** Groups of four hex digits, as the opening report prints fingerprints. */
const grouped = (hex: string) => hex.replace(/(.{4})(?!$)/g, '$1 ');

interface Common {
  data: string;
  pinFile?: string;
  service?: string;
  view?: string;
  out?: string;
}

/** The PIN: URNA_TRUSTEE_PIN, the first line of --pin-file, or typed (not echoed). */
async function readPin(o: Common): Promise<string> {
  if (process.env.URNA_TRUSTEE_PIN) return process.env.URNA_TRUSTEE_PIN;
  if (o.pinFile) return readFileSync(resolve(o.pinFile), 'utf8').split('\n')[0].trim();
  if (!process.stdin.isTTY) throw new InvalidArgumentError(m.both('cli.noPin'));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
  process.stdout.write(`${m.both('cli.pinPrompt')}: `);
  muted._writeToOutput = () => undefined;
  const pin = await new Promise<string>((done) => rl.question('', done));
  rl.close();
  process.stdout.write('\n');
  return pin;
}

async function tokenOf(o: Common, folder: StationFolder): Promise<StationToken> {
  return new StationToken(folder.config().tokenLabel, await readPin(o));
}

function ceremonyPort(o: Common, folder: StationFolder): CeremonyPort {
  if (o.view) {
    if (!o.out) throw new InvalidArgumentError(m.both('cli.viewNeedsOut'));
    return new FileCeremonyPort(resolve(o.view), resolve(o.out));
  }
  const service = o.service ?? folder.config().service;
  if (!service) throw new InvalidArgumentError(m.both('cli.noService'));
  return new HttpCeremonyPort(service, folder.config().electionId);
}

function tallyPort(o: Common & { ballotBox?: string }, folder: StationFolder): TallyPort {
  const ballotBox = o.ballotBox ? resolve(o.ballotBox) : undefined;
  if (o.view) {
    if (!o.out || !ballotBox) throw new InvalidArgumentError(m.both('cli.viewNeedsOutAndBox'));
    return new FileTallyPort(resolve(o.view), ballotBox, resolve(o.out));
  }
  const service = o.service ?? folder.config().service;
  if (!service) throw new InvalidArgumentError(m.both('cli.noService'));
  return new HttpTallyPort(service, folder.config().electionId, ballotBox ? async () => fileChunks(ballotBox) : undefined);
}

const SENT: Record<string, Parameters<typeof m.both>[0]> = { round1: 'cli.sent.round1', deal: 'cli.sent.deal', check: 'cli.sent.check', seal: 'cli.sent.seal' };
const ACTING: TrusteeStep[] = ['round1', 'deal', 'check', 'seal'];

/** Prints where the ceremony stands and what this trustee does next (the domain's catalog). */
function printStanding(standing: Awaited<ReturnType<CeremonyStation['standing']>>): void {
  say(`${m.both('cli.trustee', { trusteeIndex: standing.me.trusteeIndex, name: standing.me.name })}: ${joinBoth(standing.progress.standing)}`);
  if (standing.progress.next) say(`  → ${joinBoth(standing.progress.next as Bilingual)}`);
}

async function init(o: Common & { election: string; token: string }): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  const enrolment = initStation(folder, new StationToken(o.token, await readPin(o)), o.election, o.service);
  say(m.both(enrolment.created ? 'cli.keyGenerated' : 'cli.keyFound', { tokenLabel: o.token, tokenSerial: enrolment.tokenSerial }));
  say(`${m.both('cli.fingerprint')}: ${grouped(enrolment.fingerprint)}`);
  say(`${m.both('cli.enrolmentWritten')}: ${resolve(o.data, 'enrolment.json')}`);
}

async function status(o: Common): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  const port = ceremonyPort({ ...o, out: o.out ?? '/dev/null' }, folder);
  const station = new CeremonyStation(folder, new StationToken(folder.config().tokenLabel, ''), port);
  const standing = await station.standing();
  printStanding(standing);
  say(m.both('cli.roster'));
  for (const t of Object.values(standing.state.trustees).sort((a, b) => a.trusteeIndex - b.trusteeIndex)) {
    const mine = t.trusteeIndex === standing.me.trusteeIndex ? ` ← ${m.both('cli.you')}` : '';
    say(`  ${t.trusteeIndex}. ${t.name}: ${t.signingKey ? grouped(signingKeyFingerprint(t.signingKey)) : '—'}${mine}`);
  }
}

async function next(o: Common): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  const station = new CeremonyStation(folder, await tokenOf(o, folder), ceremonyPort(o, folder));
  const step = await station.next();
  if (ACTING.includes(step)) say(m.both(SENT[step]));
  if (o.view) say(`${m.both('cli.carryOut')}: ${resolve(o.out!)}`);
  else printStanding(await station.standing());
}

/** Every step as its turn comes, until this trustee's share is sealed (or --timeout). */
async function ceremony(o: Common & { pollMs: number; timeout: number }): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  const station = new CeremonyStation(folder, await tokenOf(o, folder), ceremonyPort(o, folder));
  const deadline = Date.now() + o.timeout * 1000;
  let last = '';
  for (;;) {
    const standing = await station.standing();
    const step = standing.progress.next?.step ?? 'wait';
    // Printed when the phase or this trustee's next step changes (not at every other trustee's step).
    const shown = `${standing.progress.phase}|${step}`;
    if (shown !== last) {
      printStanding(standing);
      last = shown;
    }
    if (step === 'done') return;
    if (ACTING.includes(step)) {
      try {
        const done = await station.next();
        if (ACTING.includes(done)) say(m.both(SENT[done]));
      } catch (err) {
        // The network failed on the way, or the message crossed another (409): the state, read
        // again, says whether it arrived; anything else stops the station.
        const lost = err instanceof StationError && err.code === 'STATION_SERVICE_UNREACHABLE';
        if (!lost && !(err instanceof ServiceRefusedError && err.status === 409)) throw err;
        say(m.both('cli.retrying', { reason: (err as Error).message }));
        await new Promise((r) => setTimeout(r, o.pollMs));
      }
      continue;
    }
    if (Date.now() > deadline) throw new InvalidArgumentError(m.both('cli.timeout', { seconds: o.timeout }));
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}

async function checkBox(o: Common & { ballotBox?: string; expectBoxHash?: string; workers?: number }): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  // Nothing is sent: an air-gapped station needs only the view and the box file.
  const station = new TallyStation(folder, await tokenOf(o, folder), tallyPort({ ...o, out: o.out ?? '/dev/null' }, folder), {
    workers: o.workers,
    expectBallotBoxHash: o.expectBoxHash,
  });
  say(m.both('cli.checkingBox'));
  const outcome = await station.checkBox();
  say(m.both('cli.boxChecked', { ballots: outcome.ballots, sha256: outcome.sha256, file: outcome.file }));
}

async function tally(o: Common & { ballotBox?: string; expectBoxHash?: string; sealedShare?: string; workers?: number }): Promise<void> {
  const folder = new StationFolder(resolve(o.data));
  const station = new TallyStation(folder, await tokenOf(o, folder), tallyPort(o, folder), {
    workers: o.workers,
    expectBallotBoxHash: o.expectBoxHash,
    sealedShare: o.sealedShare ? JSON.parse(readFileSync(resolve(o.sealedShare), 'utf8')) : undefined,
    onBoxCheck: (source) => say(source.saved ? m.both('cli.usingSavedCheck', { checkedAt: source.checkedAt, file: source.file }) : m.both('cli.checkingTotals')),
  });
  const outcome = await station.decrypt();
  say(m.both('cli.tallyPosted', { trusteeIndex: outcome.trusteeIndex, contests: outcome.posted.length }));
  if (o.view) say(`${m.both('cli.carryOut')}: ${resolve(o.out!)}`);
}

async function view(o: { service: string; election: string; kind: string; out: string }): Promise<void> {
  const port = o.kind === 'tally' ? new HttpTallyPort(o.service, o.election) : new HttpCeremonyPort(o.service, o.election);
  writeFileSync(resolve(o.out), `${JSON.stringify(await port.view())}\n`);
  say(`${m.both('cli.viewWritten')}: ${resolve(o.out)}`);
}

async function submit(file: string, o: { service: string }): Promise<void> {
  const submissions = readSubmissionFile(resolve(file)).map(readSubmission);
  for (const s of submissions) {
    if (s.kind === 'partial-decryption') await new HttpTallyPort(o.service, s.electionId).submit(s);
    else await new HttpCeremonyPort(o.service, s.electionId).submit(s);
  }
  say(m.both('cli.submitted', { count: submissions.length }));
}

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(m.both('cli.wholeNumber'));
  return n;
};

/** The `trustee` command group of the urna CLI. */
export function trusteeCommand(): Command {
  const trustee = new Command('trustee').description(m.both('station.description'));
  const common = (c: Command) => c
    .requiredOption('--data <dir>', m.both('cli.option.data'))
    .option('--pin-file <file>', m.both('cli.option.pinFile'))
    .option('--service <url>', m.both('cli.option.service'))
    .option('--view <file>', m.both('cli.option.view'))
    .option('--out <file>', m.both('cli.option.out'));
  common(trustee.command('init').description(m.both('cli.init.description')))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .requiredOption('--token <label>', m.both('cli.option.token'))
    .action(init);
  common(trustee.command('status').description(m.both('cli.status.description'))).action(status);
  common(trustee.command('next').description(m.both('cli.next.description'))).action(next);
  common(trustee.command('ceremony').description(m.both('cli.ceremony.description')))
    .option('--poll-ms <ms>', m.both('cli.option.pollMs'), positive, 500)
    .option('--timeout <s>', m.both('cli.option.timeout'), positive, 3600)
    .action(ceremony);
  common(trustee.command('check-box').description(m.both('cli.checkBox.description')))
    .option('--ballot-box <file>', m.both('cli.option.ballotBox'))
    .option('--expect-box-hash <hex>', m.both('cli.option.expectBoxHash'))
    .option('--workers <n>', m.both('cli.option.workers'), positive)
    .action(checkBox);
  common(trustee.command('tally').description(m.both('cli.tally.description')))
    .option('--ballot-box <file>', m.both('cli.option.ballotBox'))
    .option('--expect-box-hash <hex>', m.both('cli.option.expectBoxHash'))
    .option('--sealed-share <file>', m.both('cli.option.sealedShare'))
    .option('--workers <n>', m.both('cli.option.workers'), positive)
    .action(tally);
  trustee.command('view').description(m.both('cli.view.description'))
    .requiredOption('--service <url>', m.both('cli.option.service'))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .option('--kind <kind>', 'ceremony | tally', 'ceremony')
    .requiredOption('--out <file>', m.both('cli.option.out'))
    .action(view);
  trustee.command('submit').description(m.both('cli.submit.description'))
    .argument('<file>')
    .requiredOption('--service <url>', m.both('cli.option.service'))
    .action(submit);
  return trustee;
}
