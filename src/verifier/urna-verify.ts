/**
 * `urna verify <record-folder> [--vkey <log verifier key>] [--group auto|noble|libsodium-wasm|libsodium-native|decaf-native] [--json]`
 * Verifies an election record (docs/spec/record.md) and prints one line per check.
 * --group (or URNA_GROUP_BACKEND) chooses who computes the ristretto255 arithmetic: @noble/curves
 * (JavaScript, the same code as the voter's booth) or libsodium (its WebAssembly build, or the
 * system library through native/ristretto255): an independent implementation for auditors who
 * want the record checked by both. Default auto: the native libsodium when built (the fastest),
 * else @noble/curves.
 * Exit status: 0 every check passed, 1 some check failed, 2 usage error.
 * Proofs are checked on every core (URNA_WORKERS=n to choose; 0 or 1 = one thread).
 *   npm run verify -- ./election-record
 */
import { Command, CommanderError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { group } from '../domain/crypto/active-group';
import { groupBackendFromEnv, resolveGroupBackend, selectGroupBackend, type GroupBackendName } from '../parallel/group-backend';
import { joinBoth, messagesOf, type Bilingual } from '../messages/catalog';
import { verifierMessages } from '../messages/verifier.messages';
import type { CheckResult } from './check-report';
import { openRecordFolder } from './record-input';
import { either, wantsPackage } from './verify-arguments';
import { verifyRecordInParallel } from './verify-record';

const m = messagesOf(verifierMessages);

const USAGE = `${m.both('usage')}: urna verify <${either(m.pair('usage.recordFolder'))}> [--vkey <${either(m.pair('usage.logKey'))}>] [--credential-authority <${either(m.pair('usage.authorityKey'))}>] [--group auto|noble|libsodium-wasm|libsodium-native|decaf-native] [--json]`;

interface Args {
  dir?: string;
  vkey?: string;
  credentialAuthority?: string;
  group?: string;
  json: boolean;
}

/** The options, read by commander; its own (English) output is silenced: parseArgs words the
 * errors in Spanish and English. */
function command(): Command {
  return new Command('urna verify')
    .argument('[record-folder]')
    .option('--vkey <key>')
    .option('--credential-authority <key>')
    .option('--group <backend>')
    .option('--json', '', false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/** The flag a commander error names ("unknown option '--x'", "option '--vkey <key>' argument missing"). */
const flagOf = (err: CommanderError) => /'(-[^' ]*)/.exec(err.message)?.[1] ?? err.message;

/** The arguments, or the bilingual line saying what is wrong with them ('' = print the usage only). */
function parseArgs(argv: string[]): Args | { error: string } {
  const cmd = command();
  try {
    // `urna verify …` may hand over its own command name first.
    cmd.parse(argv[0] === 'verify' ? argv.slice(1) : argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    switch (err.code) {
      case 'commander.unknownOption':
        return { error: `${m.both('args.unknownOption')} ${flagOf(err)}` };
      case 'commander.optionMissingArgument':
        return { error: m.both('args.missingValue', { flag: flagOf(err) }) };
      case 'commander.excessArguments':
        return { error: m.both('args.excess') };
      case 'commander.helpDisplayed':
        return { error: '' };
      default:
        return { error: err.message };
    }
  }
  const { vkey, credentialAuthority, group, json } = cmd.opts<{ vkey?: string; credentialAuthority?: string; group?: string; json: boolean }>();
  return { dir: cmd.processedArgs[0] as string | undefined, vkey, credentialAuthority, group, json };
}

/** What `urna verify` says when it had to trust the key the record carries (no --vkey). */
export function trustedKeyNotice(logKey: string | undefined): Bilingual {
  return m.pair('notice.trustedKey', { key: logKey ?? `(${m.both('notice.unreadableKey')})` });
}

const mark = (r: CheckResult) => (r.status === 'pass' ? 'OK   ' : r.status === 'fail' ? 'FALLA' : 'omit ');

/** A usage error answers 2 at once; a verification answers its exit status when done. */
export function main(argv: string[]): number | Promise<number> {
  // --package <folder>: the preservation package, checks P1–P7 (verify-package.ts, loaded only then).
  if (wantsPackage(argv)) return import('./verify-package').then(({ packageMain }) => packageMain(argv));
  const args = parseArgs(argv);
  if ('error' in args) {
    process.stderr.write(args.error ? `${args.error}\n${USAGE}\n` : `${USAGE}\n`);
    return 2;
  }
  if (!args.dir || !existsSync(args.dir) || !statSync(args.dir).isDirectory()) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let groupBackend: GroupBackendName;
  try {
    groupBackend = args.group === undefined ? groupBackendFromEnv() : resolveGroupBackend(args.group, '--group');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  return verifyFolder(args.dir, args, groupBackend);
}

async function verifyFolder(dir: string, args: Args, groupBackend: GroupBackendName): Promise<number> {
  await selectGroupBackend(groupBackend);
  process.stderr.write(`${m.both('record.groupArithmetic')}: ristretto255, ${group.implementation}\n`);
  const started = Date.now();
  let lastProgress = 0;
  const verification = await verifyRecordInParallel(openRecordFolder(dir), {
    vkey: args.vkey,
    credentialAuthority: args.credentialAuthority,
    groupBackend,
    onProgress: (check, done, total) => {
      const now = Date.now();
      if (now - lastProgress < 500 && done !== total) return;
      lastProgress = now;
      process.stderr.write(`  … ${check}: ${done}/${total}\n`);
    },
    onResult: (r) => process.stderr.write(`[${mark(r)}] ${r.number} ${r.id} — ${r.summary}\n`),
  });
  const notice = verification.keySource === 'record' ? trustedKeyNotice(verification.logKey) : undefined;
  const authorityNotice = verification.authorityKeySource === 'record' && verification.authorityKey
    ? m.pair('notice.trustedAuthorityKey', { key: verification.authorityKey }) : undefined;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({
      ok: verification.ok, seconds: Number(seconds), group: group.implementation,
      keySource: verification.keySource, logKey: verification.logKey, ...(notice ? { notice } : {}),
      ...(authorityNotice ? { authorityNotice } : {}), checks: verification.results,
    }, null, 2)}\n`);
  } else {
    const lines = ['', m.both('record.summary'), ''];
    for (const r of verification.results) {
      lines.push(`${mark(r)}  ${r.number.padEnd(4)} ${r.id.padEnd(26)} ${joinBoth(r)}: ${r.summary}`);
      for (const p of r.problems.slice(0, 20)) lines.push(`              - ${p}`);
      if (r.problems.length > 20) lines.push(`              … ${r.problems.length - 20} ${m.both('problems.more')}`);
    }
    if (notice) lines.push('', notice.es, notice.en);
    if (authorityNotice) lines.push('', authorityNotice.es, authorityNotice.en);
    const failed = verification.results.filter((r) => r.status === 'fail').length;
    lines.push('', verification.ok
      ? m.both('record.verified', { checks: verification.results.length, seconds })
      : m.both('record.notVerified', { failed, seconds }), '');
    process.stdout.write(lines.join('\n'));
  }
  return verification.ok ? 0 : 1;
}

if (require.main === module) {
  Promise.resolve(main(process.argv.slice(2))).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
