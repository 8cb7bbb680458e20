/**
 * `urna witness init|serve` (docs/spec/log.md §8.2): run by a party representative, an
 * observer or an auditing firm on their own machine, with their own key.
 *   init  --name <name> --out <dir>                      key (0600), prints vkey and fingerprint
 *   serve --dir <dir> --port <p> --log <origin>=<vkey>…  serves POST /add-checkpoint
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { formatCosignerKey } from '../ledger/checkpoint/cosignature';
import { withNodeSignatureCheck } from '../ledger/checkpoint/node-note-verifier';
import { type NoteVerifierKey, parseVerifierKey } from '../ledger/checkpoint/signed-note';
import { keyFingerprint } from '../ledger/checkpoint/witness-policy';
import { messagesOf } from '../messages/catalog';
import { witnessMessages } from '../messages/witness.messages';
import { initWitness, loadWitnessSigner } from './witness-files';
import { startWitnessServer } from './witness-server';

const m = messagesOf(witnessMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** `<origin>=<vkey>`: the origin is the key's name in a log vkey, so the '=' splits at the first one. */
export function parseLogOption(value: string, previous: Map<string, NoteVerifierKey> = new Map()): Map<string, NoteVerifierKey> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(m.both('error.badLogOption', { value }));
  const origin = value.slice(0, at);
  let key: NoteVerifierKey;
  try {
    // Checked with node:crypto, cofactorless as docs/spec/log.md §4 says (node-note-verifier.ts).
    key = withNodeSignatureCheck(parseVerifierKey(value.slice(at + 1)));
  } catch {
    throw new InvalidArgumentError(m.both('error.badLogOption', { value }));
  }
  if (key.name !== origin) throw new InvalidArgumentError(m.both('error.badLogOption', { value }));
  return new Map(previous).set(origin, key);
}

export function witnessCommand(): Command {
  const witness = new Command('witness').description(m.both('cli.description'));
  witness.command('init')
    .description(m.both('cli.init.description'))
    .requiredOption('--name <name>', m.both('cli.option.name'))
    .requiredOption('--out <dir>', m.both('cli.option.out'))
    .action((o: { name: string; out: string }) => {
      const { vkey, keyFile } = initWitness(resolve(o.out), o.name);
      say(`${m.both('cli.keyFile')}: ${keyFile} (0600)`);
      say(`${m.both('cli.vkey')}: ${vkey}`);
      say(`${m.both('cli.fingerprint')}: ${keyFingerprint(vkey)}`);
    });
  witness.command('serve')
    .description(m.both('cli.serve.description'))
    .requiredOption('--dir <dir>', m.both('cli.option.dir'))
    .option('--port <p>', m.both('cli.option.port'), (v) => Number(v), 7380)
    .option('--host <address>', m.both('cli.option.host'), '127.0.0.1')
    .requiredOption('--log <origin=vkey>', m.both('cli.option.log'), parseLogOption)
    .action(async (o: { dir: string; port: number; host: string; log: Map<string, NoteVerifierKey> }) => {
      const dir = resolve(o.dir);
      const signer = loadWitnessSigner(dir);
      const running = await startWitnessServer({
        dir, signer, logs: o.log, port: o.port, host: o.host,
        onFork: (origin, file) => process.stderr.write(`${m.both('cli.forkDetected', { origin, file })}\n`),
      });
      const vkey = formatCosignerKey(signer.name, signer.publicKey);
      // One machine-readable line first, for whoever started this process (the simulacro).
      say(`listening ${running.url} ${vkey}`);
      say(m.both('cli.listening', { url: running.url, name: signer.name, logs: o.log.size }));
      say(`${m.both('cli.fingerprint')}: ${keyFingerprint(vkey)}`);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
  return witness;
}
