/**
 * `urna verify`, check by check: one small record (cached-record.ts) mutated once per test, in
 * memory, and the exact outcome pinned: which numbered checks fail (docs/spec/record.md §6)
 * and every problem each one reports, word for word. The tamper corpus
 * (tamper-corpus.pg.spec.ts) shows that each class of attack is caught; this spec is what
 * mutation testing runs against the verifier, so it pins each rule's message, each rule's
 * boundary and that no other check fails with it. The verifier's proofs work is memoized
 * (memoized-crypto.ts): most mutations leave the ballots and the tally as they were.
 *
 * Two attackers, as in the corpus: one edits files (the signed checkpoints give them away),
 * and the log's operator, who rewrites entries and re-signs every checkpoint (`operator`).
 */
jest.mock('../../src/parallel/crypto-tasks', () => {
  const memo = jest.requireActual('./memoized-crypto');
  return memo.memoizedCryptoTasks(jest.requireActual('../../src/parallel/crypto-tasks'), memo.answersDir());
});
jest.mock('../../src/domain/crypto/ceremony/transcript', () => {
  const memo = jest.requireActual('./memoized-crypto');
  const real = jest.requireActual('../../src/domain/crypto/ceremony/transcript');
  return { ...real, verifyCeremonyTranscript: memo.memoize('verifyCeremonyTranscript', real.verifyCeremonyTranscript, { dir: memo.answersDir() }) };
});
// Two more pure functions that dominate a memoized run (a third of it: Ed25519 verifications),
// kept in memory only, since trustee-signatures.ts is under src/verifier/, which the cache keys
// leave out. A mutant of verify-record.ts that passes them anything different gets a fresh answer.
jest.mock('../../src/verifier/trustee-signatures', () => {
  const memo = jest.requireActual('./memoized-crypto');
  const real = jest.requireActual('../../src/verifier/trustee-signatures');
  return { ...real, checkTrusteeSignatures: memo.memoize('checkTrusteeSignatures', real.checkTrusteeSignatures) };
});
jest.mock('../../src/ledger/checkpoint/checkpoint-format', () => {
  const memo = jest.requireActual('./memoized-crypto');
  const real = jest.requireActual('../../src/ledger/checkpoint/checkpoint-format');
  return { ...real, openCheckpoint: memo.memoize('openCheckpoint', real.openCheckpoint) };
});

import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { checkpointSequence, formatCheckpointText, parseCheckpointText } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseSignedNote, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { CompactRange } from '../../src/ledger/merkle/compact-range';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import type { RecordInput } from '../../src/verifier/record-input';
import { verifyRecord, verifyRecordInParallel, type VerifyOptions } from '../../src/verifier/verify-record';
import { VERIFICATION_CHECKS } from '../../src/verifier/check-report';
import { cachedRecord, type CachedRecord } from './cached-record';
import { spanishNumberWords } from '../../src/documents/spanish-number-words';
import { manifestHashHex } from '../../src/domain/configuration/manifest-hash';
import { rollCommitment } from '../../src/domain/roll/roll-commitment';

jest.setTimeout(180_000);


type Input = RecordInput;
type Entry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let rec: CachedRecord;
let signer: SoftwareNoteSigner;
let good: Input;
let id: string;
/** Where things are in the good record's log (positions, counts, checkpoint sizes): read from it, not assumed. */
const L = {
  n: 0,
  public: 0,
  /** Checkpoint sizes, in history order: 0, the export's, the closing's (first after the export), …, n. */
  sizes: [] as number[],
  /** Position of the k-th entry of a type. */
  at: (type: string, k = 0): number => {
    const e = entriesOf(good).filter((x) => x.type === type)[k];
    if (!e) throw new Error(`the record has no ${type} number ${k}`);
    return e.position;
  },
  sealed: 0,
  exported: 0,
  closing: 0,
};
beforeAll(async () => {
  rec = await cachedRecord();
  signer = SoftwareNoteSigner.decodePrivateKey(rec.logPrivateKey, rec.logOrigin);
  good = rec.input;
  id = rec.electionId;
  const es = entriesOf(good);
  L.n = es.length;
  L.public = es.filter((e) => e.visibility === 'public').length;
  L.sizes = lines(good.logCheckpoints!).map((l) => JSON.parse(l).size);
  L.sealed = es.findIndex((e) => e.visibility === 'sealed');
  L.exported = L.at('BallotBoxExported');
  L.closing = L.sizes.find((size) => size > L.exported)!;
  // The shape the cases below rely on: the empty tree, the export's checkpoint, the closing one, two more.
  expect(L.sizes).toEqual([0, L.exported, L.closing, L.n - 1, L.n]);
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const canon = (v: unknown) => `${canonicalJson(v)}\n`;
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const entriesOf = (i: Input): Entry[] => lines(i.logEntries!).map((l) => JSON.parse(l));
const flipHex = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);

/** A copy of the good record with `edit` applied. */
function copy(edit?: (i: Input) => void): Input {
  const i: Input = { ...good, present: [...good.present!] };
  edit?.(i);
  return i;
}
function editJson(i: Input, key: keyof Input, edit: (v: Json) => void): void {
  const v = JSON.parse(i[key] as string);
  edit(v);
  (i as Record<string, unknown>)[key] = canon(v);
}
function editEntries(i: Input, edit: (entries: Entry[]) => void): void {
  const entries = entriesOf(i);
  edit(entries);
  i.logEntries = entries.map(canon).join('');
}
const ofType = (entries: Entry[], type: string) => entries.filter((e) => e.type === type);

/** The log's operator re-signs every checkpoint of the history over the entries as they now are. */
async function resign(i: Input, by: SoftwareNoteSigner = signer): Promise<void> {
  const range = new CompactRange(0, []);
  const roots = new Map<number, Uint8Array>([[0, range.root()]]);
  lines(i.logEntries!).forEach((l, k) => {
    range.append(hashLeaf(new TextEncoder().encode(l)));
    roots.set(k + 1, range.root());
  });
  const rows = await Promise.all(lines(i.logCheckpoints!).map(async (l) => {
    const row = JSON.parse(l) as { size: number; note: string };
    const seq = checkpointSequence(parseCheckpointText(parseSignedNote(row.note).text))!;
    return { size: row.size, note: await signNote(formatCheckpointText(by.name, row.size, roots.get(row.size)!, [`urna-sequence ${seq}`]), by) };
  }));
  i.logCheckpoints = rows.map(canon).join('');
}
/** What the operator can do: rewrite entries (and files), then re-sign the history. */
async function operator(edit: (entries: Entry[]) => void, files?: (i: Input) => void): Promise<Input> {
  const i = copy((x) => editEntries(x, edit));
  files?.(i);
  await resign(i);
  return i;
}

/** Number → problems of every failed check (nothing for a record that passes). */
function failed(i: Input, options?: VerifyOptions): Record<string, string[]> {
  const v = verifyRecord(i, options);
  return Object.fromEntries(v.results.filter((r) => r.status === 'fail').map((r) => [r.number, r.problems]));
}
const re = (pattern: RegExp) => expect.stringMatching(pattern);

/**
 * A section of checks. Mutation runs mutate a few checks at a time (mutation/run.js) and set
 * URNA_MUTATION_SECTIONS (e.g. "V11,V14") to the sections that test them: a surviving mutant
 * runs every test that is not skipped, and the other sections cannot kill it any sooner. (A
 * mutant only another section would kill then counts as a survivor: the score can only be
 * lower for it.) Unset, as in `.ci/run`, every section runs.
 */
const sections = process.env.URNA_MUTATION_SECTIONS?.split(',').map((x) => x.trim()).filter((x) => x !== '');
const section = (name: string, body: () => void) => ((sections && !sections.some((x) => name.startsWith(`${x} `))) ? describe.skip : describe)(name, body);

// ---- the good record ------------------------------------------------------------------------

describe('the good record', () => {
  it('in worker threads: the same results as in this thread, with progress; a work that fails there is reported as here', async () => {
    const progress: string[] = [];
    const v = await verifyRecordInParallel(good, { workers: 2, onProgress: (check, done, total) => progress.push(`${check} ${done}/${total}`) });
    expect(v.results).toEqual(verifyRecord(good).results);
    expect(progress).toEqual(['ballots.proofs 6/6']);
    const badKey = await operator((es) => (es[L.at('CeremonyCompleted')].data.verificationKeys['2'] = 'zz'));
    const [inWorkers, here] = [await verifyRecordInParallel(badKey, { workers: 2 }), verifyRecord(badKey)];
    expect(inWorkers.results.filter((r) => r.status === 'fail')).toEqual(here.results.filter((r) => r.status === 'fail'));
  });
  it('passes every check in order, V1 to V18 each with its summary', () => {
    const v = verifyRecord(good);
    expect(v.ok).toBe(true);
    expect(v.keySource).toBe('record');
    expect(v.logKey).toBe(rec.vkey);
    expect(v.results.map((r) => [r.number, r.status, r.summary])).toEqual([
      ['V1', 'pass', `${id}, 10 files`],
      ['V2', 'pass', `${rec.vkey} (the record's own copy: compare it with the opening report)`],
      ['V3', 'pass', '5 checkpoints'],
      ['V4', 'pass', '5 checkpoints, numbered 0–4'],
      ['V5', 'pass', `${L.n} entries, ${L.public} public`],
      ['V6', 'pass', '5 roots recomputed'],
      ['V7', 'pass', '2 embedded checkpoints'],
      ['V8', 'pass', '6 contests, 3 ballot styles'],
      ['V9', 'pass', '2 of 3, 3 qualified'],
      ['V10', 'pass', '6 pseudonyms'],
      ['V11', 'pass', '6 ballots'],
      ['V12', 'pass', '6 of 6 ballots verify'],
      ['V13', 'pass', '6 pseudonyms voted of 6'],
      ['V14', 'pass', '6 contests'],
      ['V15', 'pass', '90 partial decryptions'],
      ['V16', 'pass', '6 contests'],
      ['V17', 'pass', '6 contests'],
      ['V18', 'pass', '3 spoiled ballots, checked against 6 cast ballots'],
      // The checks after V18 live in their own modules (credential-eligibility.ts, …): they pass, in order.
      ...VERIFICATION_CHECKS.slice(18).map((c) => [c.number, 'pass', expect.any(String)]),
    ]);
    expect(v.results.map((r) => r.id)).toEqual(VERIFICATION_CHECKS.map((c) => c.id));
  });
  it('with the log key given (--vkey, surrounding blanks ignored): the same, and says the key was given', () => {
    const v = verifyRecord(good, { vkey: ` ${rec.vkey}\n` });
    expect([v.ok, v.keySource, v.logKey]).toEqual([true, 'given', rec.vkey]);
    expect(v.results[1].summary).toBe(`${rec.vkey} (given with --vkey)`);
  });
  it('reports every check to onResult as it finishes, and its progress', () => {
    const seen: string[] = [];
    const progress: string[] = [];
    verifyRecord(good, { onResult: (r) => seen.push(r.number), onProgress: (check, done, total) => progress.push(`${check} ${done}/${total}`) });
    expect(seen).toEqual(VERIFICATION_CHECKS.map((c) => c.number));
    expect(progress).toEqual(['ballots.proofs 6/6']);
  });
});

// ---- V1: the index ----------------------------------------------------------------------------

section('V1 record.index', () => {
  const withIndex = (edit: (ix: Json) => void) => copy((i) => editJson(i, 'index', edit));
  it('refuses another format, no election id, a bad log size', () => {
    expect(failed(withIndex((ix) => (ix.format = 'urna.election-record/0')))).toEqual({ V1: ['unknown format "urna.election-record/0"; this verifier reads urna.election-record/1'] });
    expect(failed(withIndex((ix) => (ix.logSize = -1)))).toEqual({ V1: ['record.json logSize is not a non-negative integer'], V6: [`record.json says -1 entries, the file has ${L.n}`] });
    expect(failed(withIndex((ix) => (ix.logSize = 1.5)))).toEqual({ V1: ['record.json logSize is not a non-negative integer'], V6: [`record.json says 1.5 entries, the file has ${L.n}`] });
    expect(failed(withIndex((ix) => (ix.logSize = 0)))).toEqual({ V6: [`record.json says 0 entries, the file has ${L.n}`] });
  });
  it('an empty or missing election id: V1, and every check that reads the election\'s streams', () => {
    const empty = failed(withIndex((ix) => (ix.electionId = '')));
    expect(empty.V1).toEqual(['record.json names no electionId']);
    expect(Object.keys(empty)).toEqual(['V1', 'V8', 'V9', 'V10', 'V11', 'V12', 'V13', 'V14', 'V15', 'V16', 'V17', 'V18', ...VERIFICATION_CHECKS.slice(18).map((c) => c.number)]);
    expect(failed(withIndex((ix) => delete ix.electionId)).V1).toEqual(['record.json names no electionId']);
  });
  it('refuses a files list that is missing, unsorted, repeated, without itself, or naming a file of no record', () => {
    expect(failed(withIndex((ix) => delete ix.files))).toEqual({ V1: [
      'record.json has no files list', 'record.json does not list itself',
      ...good.present!.map((f) => `${f} is in the record but record.json does not list it`),
    ] });
    const swapped = [...good.present!];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(failed(withIndex((ix) => (ix.files = swapped)))).toEqual({ V1: ['record.json files are not sorted by byte order without repeats'] });
    expect(failed(withIndex((ix) => (ix.files = [...good.present!.slice(0, 2), good.present![1], ...good.present!.slice(2)])))).toEqual({ V1: ['record.json files are not sorted by byte order without repeats'] });
    const withoutIndex = copy((i) => {
      editJson(i, 'index', (ix) => (ix.files = ix.files.filter((f: string) => f !== 'record.json')));
      i.present = i.present!.filter((f) => f !== 'record.json');
    });
    expect(failed(withoutIndex)).toEqual({ V1: ['record.json does not list itself'] });
    const extra = copy((i) => {
      editJson(i, 'index', (ix) => (ix.files = [...ix.files, 'zz.txt']));
      i.present = [...i.present!, 'zz.txt'];
    });
    expect(failed(extra)).toEqual({ V1: ['record.json lists zz.txt, which is not a file of urna.election-record/1'] });
  });
  it('compares the files listed with the files present, both ways, when the folder was read', () => {
    expect(failed(copy((i) => (i.present = [...i.present!, 'notes.txt'])))).toEqual({ V1: ['notes.txt is in the record but record.json does not list it'] });
    expect(failed(copy((i) => (i.present = i.present!.filter((f) => f !== 'roll.json')))).V1).toEqual(['record.json lists roll.json, but the record does not hold it']);
    // Not read from a folder (no file list): nothing to compare.
    expect(failed(copy((i) => delete i.present))).toEqual({});
  });
  it('refuses an index that is missing, not canonical, or without its final newline', () => {
    expect(failed(copy((i) => delete i.index)).V1).toEqual(['error: record.json is missing']);
    expect(failed(copy((i) => (i.index = i.index!.replace('{"', '{ "')))).V1).toEqual(['error: record.json is not RFC 8785 canonical JSON']);
    expect(failed(copy((i) => (i.index = i.index!.slice(0, -1)))).V1).toEqual(['error: record.json must end with one newline']);
  });
});

// ---- V2: the log key ----------------------------------------------------------------------------

section('V2 log.key', () => {
  const other = SoftwareNoteSigner.generate('urna.test/log');
  const otherKey = formatVerifierKey(other.name, other.publicKey);
  it('a key given with --vkey that is not the record\'s: V2, and V3 (nothing verifies with it)', () => {
    const f = failed(good, { vkey: otherKey });
    expect(f.V2).toEqual([`the acta prints the log key ${rec.vkey}, not the one the log was checked with`, 'the record carries another log key than the one given with --vkey']);
    expect(f.V3).toHaveLength(5);
    expect(f.V3[0]).toMatch(/^checkpoint line 1: /);
  });
  it('a given key that is not a key at all: V2 fails and no check can use a key', () => {
    const f = failed(good, { vkey: 'not a key' });
    expect(f.V2).toEqual([expect.stringMatching(/^error: /)]);
    expect(f.V3.every((p) => / no log key to check it with \(V2\)$/.test(p))).toBe(true);
    expect(f.V7).toEqual(['error: no log key (V2)']);
  });
  it('refuses a key file that is missing, not one line, or not ending in a newline', () => {
    expect(failed(copy((i) => delete i.logKey)).V2).toEqual(['error: log/key.vkey is missing']);
    expect(failed(copy((i) => (i.logKey = rec.vkey)))).toEqual({ V2: ['log/key.vkey must be one line ending in 0x0A'] });
    expect(failed(copy((i) => (i.logKey = `${rec.vkey}\n\n`)))).toEqual({ V2: ['log/key.vkey must be one line ending in 0x0A'] });
  });
  it('refuses an index whose key or origin is not the key file\'s', () => {
    expect(failed(copy((i) => editJson(i, 'index', (ix) => (ix.logVerifierKey = otherKey.replace('urna.test/log', 'urna.test/other')))))).toEqual({ V2: ['record.json logVerifierKey differs from log/key.vkey'] });
    expect(failed(copy((i) => editJson(i, 'index', (ix) => (ix.logOrigin = 'urna.test/other'))))).toEqual({ V2: ['record.json logOrigin "urna.test/other" is not the key name "urna.test/log"'] });
  });
  it('refuses an acta or opening report that prints another key or origin', () => {
    expect(failed(copy((i) => editJson(i, 'acta', (a) => (a.log.verifierKey = otherKey)))).V2).toEqual([`the acta prints the log key ${otherKey}, not the one the log was checked with`]);
    expect(failed(copy((i) => editJson(i, 'acta', (a) => (a.log.origin = 'urna.test/other')))).V2).toEqual([`the acta prints the log key ${rec.vkey}, not the one the log was checked with`]);
    // An acta that prints no key, or is not JSON, is V17's to judge, not V2's.
    expect(failed(copy((i) => editJson(i, 'acta', (a) => delete a.log))).V2).toBeUndefined();
    expect(failed(copy((i) => (i.acta = 'not json'))).V2).toBeUndefined();
    const report = (log: unknown) => copy((i) => (i.openingReport = canon({ electionId: id, log })));
    expect(failed(report({ origin: 'urna.test/log', verifierKey: otherKey })).V2).toEqual([`the opening report prints the log key ${otherKey}, not the one the log was checked with`]);
    expect(failed(report({ origin: 'urna.test/log', verifierKey: rec.vkey })).V2).toBeUndefined();
  });
});

// ---- V3, V4: the checkpoints ----------------------------------------------------------------------

section('V3 log.checkpoint-signatures and V4 log.checkpoint-history', () => {
  const rowsOf = (i: Input) => lines(i.logCheckpoints!);
  const withRows = (edit: (rows: string[]) => void) => copy((i) => {
    const rows = rowsOf(i);
    edit(rows);
    i.logCheckpoints = rows.map((r) => `${r}\n`).join('');
  });
  const editRow = (k: number, edit: (row: { size: number; note: string }) => void) => withRows((rows) => {
    const row = JSON.parse(rows[k]);
    edit(row);
    rows[k] = canonicalJson(row);
  });
  it('a line that is not canonical JSON, or not JSON', () => {
    expect(failed(withRows((rows) => (rows[1] = rows[1].replace('{"', '{ "'))))).toEqual({ V3: ['checkpoint line 2: not canonical JSON'] });
    const notJson = failed(withRows((rows) => (rows[1] = 'x')));
    expect(notJson.V3).toEqual([expect.stringMatching(/^checkpoint line 2: .*JSON/)]);
    // A line V3 could not read is not in the history V4 orders: the numbers after it are one off.
    expect(notJson.V4).toEqual([2, 3, 4].map((n) => `checkpoint line ${n + 1}: checkpoint number ${n} where number ${n - 1} belongs (a checkpoint is missing or out of order)`));
  });
  it('a note whose size is not the line\'s', () => {
    expect(failed(editRow(2, (row) => (row.size += 1))).V3).toEqual([`checkpoint line 3: the note is for size ${L.closing}, the line says ${L.closing + 1}`]);
  });
  it('a root changed under the signature', () => {
    const f = failed(editRow(3, (row) => {
      const parts = row.note.split('\n');
      parts[2] = Buffer.alloc(32, 7).toString('base64');
      row.note = parts.join('\n');
    }));
    // Only V3: V6 compares the roots of the checkpoints that verified, and none quotes size n − 1.
    expect(f).toEqual({ V3: [expect.stringMatching(/^checkpoint line 4: /)] });
  });
  it('no checkpoint at all, or no file', () => {
    expect(failed(copy((i) => (i.logCheckpoints = '')))).toMatchObject({ V3: ['no checkpoint'], V4: ['error: no checkpoint'] });
    expect(failed(copy((i) => (i.logCheckpoints = i.logCheckpoints!.slice(0, -1)))).V3).toEqual(['error: log/checkpoints.jsonl must end with a newline']);
    const missing = failed(copy((i) => delete i.logCheckpoints));
    expect(missing.V3).toEqual(['error: log/checkpoints.jsonl is missing']);
    expect(missing.V4).toEqual(['error: log/checkpoints.jsonl is missing']);
  });
  it('a checkpoint dropped from the middle, two swapped, the empty tree left out', () => {
    expect(failed(withRows((rows) => rows.splice(3, 1))).V4).toEqual(['checkpoint line 4: checkpoint number 4 where number 3 belongs (a checkpoint is missing or out of order)']);
    expect(failed(withRows((rows) => ([rows[3], rows[4]] = [rows[4], rows[3]]))).V4).toEqual([
      'checkpoint line 4: checkpoint number 4 where number 3 belongs (a checkpoint is missing or out of order)',
      'checkpoint line 5: checkpoint number 3 where number 4 belongs (a checkpoint is missing or out of order)',
      `checkpoint line 5: size ${L.n - 1} after size ${L.n} (sizes must ascend)`,
    ]);
    expect(failed(withRows((rows) => rows.shift())).V4).toEqual([
      `the first checkpoint is of size ${L.exported}, not the empty tree (size 0)`,
      ...[1, 2, 3, 4].map((n) => `checkpoint line ${n}: checkpoint number ${n} where number ${n - 1} belongs (a checkpoint is missing or out of order)`),
    ]);
    expect(failed(withRows((rows) => rows.splice(2, 0, rows[2])))).toEqual({ V4: [
      'checkpoint line 4: checkpoint number 2 where number 3 belongs (a checkpoint is missing or out of order)',
      `checkpoint line 4: size ${L.closing} after size ${L.closing} (sizes must ascend)`,
      'checkpoint line 5: checkpoint number 3 where number 4 belongs (a checkpoint is missing or out of order)',
      'checkpoint line 6: checkpoint number 4 where number 5 belongs (a checkpoint is missing or out of order)',
    ] });
  });
  it('the operator signs a wrong empty tree, or checkpoints without a sequence number', async () => {
    const i = copy();
    const rows = rowsOf(i).map((l) => JSON.parse(l) as { size: number; note: string });
    const sign = (size: number, root: Uint8Array, ext: string[]) => signNote(formatCheckpointText(signer.name, size, root, ext), signer);
    const first = { size: 0, note: await sign(0, new Uint8Array(32).fill(1), ['urna-sequence 0']) };
    i.logCheckpoints = [first, ...rows.slice(1)].map(canon).join('');
    expect(failed(i)).toEqual({
      V4: ['the first checkpoint does not give the empty tree its root SHA-256("")'],
      V6: ['the root recomputed after 0 leaves differs from the signed checkpoint of size 0'],
    });
    const unnumbered = copy();
    const root0 = parseCheckpointText(parseSignedNote(rows[0].note).text).rootHash;
    unnumbered.logCheckpoints = [{ size: 0, note: await sign(0, root0, []) }, ...rows.slice(1)].map(canon).join('');
    expect(failed(unnumbered)).toEqual({ V4: ['checkpoint line 1: no urna-sequence line'] });
  });
});

// ---- V5, V6: leaves and roots -------------------------------------------------------------------

section('V5 log.leaf-hashes and V6 log.roots', () => {
  /** Replaces entry `k`'s line with `line` (no re-signing: V6 sees it). */
  const withLine = (k: number, line: (old: string) => string) => copy((i) => {
    const l = lines(i.logEntries!);
    l[k] = line(l[k]);
    i.logEntries = l.map((x) => `${x}\n`).join('');
  });
  it('an entry that is not JSON, or not canonical', () => {
    expect(failed(withLine(3, () => 'x')).V5).toEqual(['entry 3: not JSON']);
    expect(failed(withLine(3, (l) => l.replace('{"', '{ "'))).V5).toEqual(['entry 3: not canonical (RFC 8785), so its leaf hash is not the log\'s']);
  });
  it('the operator re-signs entries of another format, position or visibility', async () => {
    // An entry after the closing checkpoint: the quoted checkpoints stay true (V7 quiet).
    const k = L.at('TallyCompleted');
    const v = async (edit: (e: Entry) => void) => failed(await operator((es) => edit(es[k])));
    expect((await v((e) => (e.format = 'urna-leaf/0'))).V5).toEqual([`entry ${k}: unknown leaf format "urna-leaf/0"`]);
    expect((await v((e) => (e.position = k + 1))).V5).toEqual([`entry ${k}: position ${k + 1} ≠ its index`]);
    expect((await v((e) => (e.visibility = 'secret'))).V5).toEqual([`entry ${k}: visibility "secret" is neither public nor sealed`]);
  });
  it('a sealed entry must show exactly its commitment and nothing of its stream, revision, id, actor or causation', async () => {
    const v = async (edit: (e: Entry) => void) => failed(await operator((es) => edit(es[L.sealed])));
    const shape = `entry ${L.sealed}: a sealed entry's data must be exactly {"commitment": 64 hex digits}`;
    expect((await v((e) => (e.data.commitment = e.data.commitment.toUpperCase()))).V5).toEqual([shape]);
    expect((await v((e) => (e.data.commitment = `${e.data.commitment}0`))).V5).toEqual([shape]);
    expect((await v((e) => (e.data.commitment = 7))).V5).toEqual([shape]);
    expect((await v((e) => (e.data.extra = 1))).V5).toEqual([shape]);
    expect((await v((e) => delete e.data)).V5).toEqual([shape]);
    for (const member of ['stream', 'revision', 'id', 'actor', 'causationId', 'correlationId']) {
      expect((await v((e) => (e[member] = 'x'))).V5).toEqual([`entry ${L.sealed}: a sealed entry must not show its ${member}`]);
    }
  });
  it('an entry changed under the signatures: V6 names each checkpoint whose root differs', () => {
    const f = failed(withLine(L.at('TallyCompleted'), (l) => l.replace('"system:tally"', '"system:tallx"')));
    expect(f).toEqual({ V6: [
      `the root recomputed after ${L.n - 1} leaves differs from the signed checkpoint of size ${L.n - 1}`,
      `the root recomputed after ${L.n} leaves differs from the signed checkpoint of size ${L.n}`,
    ] });
  });
  it('entries past or short of the newest checkpoint', () => {
    const more = copy((i) => (i.logEntries = `${i.logEntries}${lines(i.logEntries!)[L.n - 1]}\n`));
    expect(failed(more).V6).toEqual([`the newest signed checkpoint has size ${L.n}, the record has ${L.n + 1} entries`, `record.json says ${L.n} entries, the file has ${L.n + 1}`]);
    const fewer = copy((i) => (i.logEntries = lines(i.logEntries!).slice(0, L.n - 1).map((l) => `${l}\n`).join('')));
    expect(failed(fewer).V6).toEqual([`the newest signed checkpoint has size ${L.n}, the record has ${L.n - 1} entries`, `record.json says ${L.n} entries, the file has ${L.n - 1}`]);
  });
  it('no entries file, or one without its final newline', () => {
    const missing = failed(copy((i) => delete i.logEntries));
    expect(missing.V5).toEqual(['error: log/entries.jsonl is missing']);
    expect(missing.V6).toEqual(['error: log/entries.jsonl is missing']);
    expect(failed(copy((i) => (i.logEntries = i.logEntries!.slice(0, -1)))).V5).toEqual(['error: log/entries.jsonl must end with a newline']);
  });
});

// ---- V7: checkpoints quoted in artefacts --------------------------------------------------------

section('V7 log.embedded-checkpoints', () => {
  const editActaCheckpoint = (edit: (cp: Json) => void) => copy((i) => editJson(i, 'acta', (a) => edit(a.closingCheckpoint)));
  it('the acta quotes no checkpoint, or one whose note is empty', () => {
    expect(failed(editActaCheckpoint((cp) => (cp.note = ''))).V7).toEqual(['the acta quotes no signed checkpoint']);
    expect(failed(copy((i) => editJson(i, 'acta', (a) => delete a.closingCheckpoint))).V7).toEqual(['the acta quotes no signed checkpoint']);
  });
  it('the acta\'s size or root is not its note\'s', () => {
    // (V7 goes on to say more about this quote; only its first problem is pinned: record.md §6.)
    const size = failed(editActaCheckpoint((cp) => (cp.size = 51)));
    expect([Object.keys(size), size.V7[0]]).toEqual([['V7', 'V17'], `the acta: says size 51, its signed note size ${L.closing}`]);
    expect(failed(editActaCheckpoint((cp) => (cp.rootHash = Buffer.alloc(32, 1).toString('base64')))).V7).toEqual(['the acta: its rootHash is not the root its signed note carries']);
    // The acta writes roots in base64; the same root in hex is another string.
    const hex = failed(copy((i) => editJson(i, 'acta', (a) => (a.closingCheckpoint.rootHash = Buffer.from(a.closingCheckpoint.rootHash, 'base64').toString('hex')))));
    expect(hex.V7).toEqual(['the acta: its rootHash is not the root its signed note carries']);
  });
  it('the acta quotes a checkpoint signed by another key, or one that is not in the history', async () => {
    const other = SoftwareNoteSigner.generate('urna.test/log');
    const foreign = await signNote(formatCheckpointText(other.name, L.closing, new Uint8Array(32), ['urna-sequence 2']), other);
    expect(failed(editActaCheckpoint((cp) => (cp.note = foreign))).V7).toEqual([expect.stringMatching(/^the acta: its checkpoint does not verify with the log key: /)]);
    // Signed by the log key, same size and root, but another note than the history's (another extension line).
    const closingRoot = parseCheckpointText(parseSignedNote(lines(good.logCheckpoints!).map((l) => JSON.parse(l)).find((r) => r.size === L.closing).note).text).rootHash;
    const twin = await signNote(formatCheckpointText(signer.name, L.closing, closingRoot, ['urna-sequence 2', 'x']), signer);
    expect(failed(editActaCheckpoint((cp) => (cp.note = twin))).V7).toEqual([`the acta: its checkpoint of size ${L.closing} is not the one in log/checkpoints.jsonl`]);
  });
  it('the acta quotes a checkpoint beyond the entries, or over other entries', async () => {
    const far = L.n + 3;
    const beyond = await signNote(formatCheckpointText(signer.name, far, new Uint8Array(32), ['urna-sequence 9']), signer);
    expect(failed(editActaCheckpoint((cp) => {
      cp.note = beyond;
      cp.size = far;
      cp.rootHash = Buffer.alloc(32).toString('base64');
    })).V7).toEqual([
      `the acta: its checkpoint of size ${far} is not the one in log/checkpoints.jsonl`,
      `the acta: its checkpoint of size ${far} is beyond the log's ${L.n} entries`,
      `the acta's closing checkpoint (size ${far}) is not the first one covering the ballot box export (size ${L.closing})`,
    ]);
    // The operator rewrites an entry before the export: every quote of an older tree now disagrees with the entries.
    const f = failed(await operator((es) => (es[L.at('VotingStarted')].actor = 'system:other')));
    expect(f).toEqual({ V7: [
      `BallotBoxExported (log entry ${L.exported}): its checkpoint of size ${L.exported} is not the one in log/checkpoints.jsonl`,
      `BallotBoxExported (log entry ${L.exported}): the log's entries give another root at size ${L.exported} than the checkpoint it quotes`,
      `the acta: its checkpoint of size ${L.closing} is not the one in log/checkpoints.jsonl`,
      `the acta: the log's entries give another root at size ${L.closing} than the checkpoint it quotes`,
    ] });
  });
  it('the export\'s checkpoint must cover every ballot and precede the export; the acta\'s must be the first after it', async () => {
    const rows = lines(good.logCheckpoints!).map((l) => JSON.parse(l) as { size: number; note: string });
    const quote = (size: number) => {
      const note = rows.find((r) => r.size === size)!.note;
      return { note, size, rootHash: Buffer.from(parseCheckpointText(parseSignedNote(note).text).rootHash).toString('hex') };
    };
    const lastBallot = Math.max(...ofType(entriesOf(good), 'BallotCast').map((e) => e.position));
    const early = failed(await operator((es) => (es[L.exported].data.checkpoint = quote(0))));
    expect(early.V7).toContain(`BallotBoxExported quotes a checkpoint of size 0, which does not cover the ballot at log entry ${lastBallot}`);
    const late = failed(await operator((es) => (es[L.exported].data.checkpoint = quote(L.closing))));
    expect(late.V7).toContain('BallotBoxExported quotes a checkpoint signed after it');
    const acta = failed(editActaCheckpoint((cp) => Object.assign(cp, { ...quote(L.n - 1), rootHash: Buffer.from(quote(L.n - 1).rootHash, 'hex').toString('base64') })));
    expect(acta).toEqual({
      V7: [`the acta's closing checkpoint (size ${L.n - 1}) is not the first one covering the ballot box export (size ${L.closing})`],
      V17: ['acta.json is not the acta whose hash was recorded (ActaIssued)'],
    });
  });
  it('an opening report that quotes no checkpoint', () => {
    const f = failed(copy((i) => (i.openingReport = canon({ electionId: id }))));
    expect(f.V7).toEqual(['the opening report quotes no signed checkpoint']);
    expect(failed(copy((i) => (i.openingReport = 'not json'))).V7).toEqual(['the opening report quotes no signed checkpoint']);
    expect(failed(copy((i) => (i.preservation = canon({ manifest: {} })))).V7).toEqual(['the preservation manifest quotes no signed checkpoint']);
  });
});

// ---- V8, V9, V10: manifest, ceremony, roll ------------------------------------------------------

section('V8 manifest.hash', () => {
  it('a manifest file that is missing, or not the one in the log', () => {
    expect(failed(copy((i) => delete i.manifest))).toEqual({ V8: ['manifest.json is missing'] });
    expect(failed(copy((i) => (i.manifest = i.manifest!.replace('{"', '{ "'))))).toEqual({ V8: ['manifest.json is not the manifest recorded in the log (its canonical bytes differ)'] });
  });
  it('the election opened with another manifest, or none', async () => {
    const opened = L.at('ElectionOpened');
    const f = failed(await operator((es) => (es[opened].data.manifestHash = flipHex(es[opened].data.manifestHash))));
    expect(f.V8).toEqual([expect.stringMatching(/^the manifest recorded in the log hashes to [0-9a-f]{64}, the election was opened with [0-9a-f]{64}$/)]);
    const none = failed(await operator((es) => (es[opened].type = 'ElectionOpenedX')));
    expect(none.V8).toEqual(['the log has no ElectionOpened event']);
  });
  it('no configuration in the log: V8 fails and the checks that need the manifest or the election context too', async () => {
    const f = failed(await operator((es) => (es[L.at('ElectionConfigured')].type = 'ElectionConfiguredX')));
    expect(f.V8).toEqual([`error: the log has no ElectionConfigured in configuration-${id}`]);
    expect(f.V12).toEqual(['error: no election context (manifest or ceremony failed)']);
    expect(f.V13).toEqual(['error: no manifest']);
    expect(f.V14).toEqual(['error: no ballot styles']);
    expect(f.V18).toEqual(['error: no election context (manifest or ceremony failed)']);
  });
  it('an opening report that is not the one ElectionOpened recorded, or names another election', () => {
    const report = (v: Json) => copy((i) => (i.openingReport = canon(v)));
    expect(failed(report({ electionId: id, log: { origin: rec.logOrigin, verifierKey: rec.vkey } })).V8).toEqual([
      'opening/opening-report.json is not the opening report ElectionOpened recorded (openingReportHash)',
      'the opening report names another election or manifest',
    ]);
    expect(failed(copy((i) => (i.openingReport = '{}'))).V8).toEqual(['error: opening/opening-report.json must end with one newline']);
  });
});

section('V9 ceremony.transcript', () => {
  it('a transcript file that is not the log\'s', () => {
    expect(failed(copy((i) => editJson(i, 'transcript', (t) => (t.transcriptHash = flipHex(t.transcriptHash)))))).toEqual({ V9: ['ceremony/transcript.json differs from the transcript in the log'] });
    expect(failed(copy((i) => delete i.transcript))).toEqual({ V9: ['error: ceremony/transcript.json is missing'] });
  });
  it('CeremonyCompleted with another key, threshold, verification key or transcript hash', async () => {
    const completed = async (edit: (d: Json) => void) => failed(await operator((es) => edit(es[L.at('CeremonyCompleted')].data)));
    const key = await completed((d) => (d.publicKey = flipHex(d.publicKey)));
    expect(key.V9).toEqual(['the public key recomputed from the transcript differs from CeremonyCompleted', 'the election was opened with another public key']);
    const threshold = await completed((d) => (d.threshold = 3));
    expect(threshold.V9).toEqual(['CeremonyCompleted says threshold 3, CeremonyOpened 2']);
    const vk = await completed((d) => (d.verificationKeys['2'] = flipHex(d.verificationKeys['2'])));
    expect(vk.V9).toEqual(['trustee 2\'s verification key differs from the transcript\'s']);
    const hash = await completed((d) => (d.transcriptHash = flipHex(d.transcriptHash)));
    expect(hash.V9).toEqual([expect.stringMatching(/^the transcript hashes to [0-9a-f]{64}, CeremonyCompleted says [0-9a-f]{64}$/)]);
  });
  it('the election opened with another transcript hash', async () => {
    const opened = L.at('ElectionOpened');
    expect(failed(await operator((es) => (es[opened].data.ceremonyTranscriptHash = flipHex(es[opened].data.ceremonyTranscriptHash)))).V9).toEqual(['the election was opened with another transcript hash']);
  });
  it('a ceremony that does not produce a key, or no ceremony', async () => {
    const [r1, r2] = [L.at('CeremonyRound1Published', 0), L.at('CeremonyRound1Published', 1)];
    const f = failed(await operator((es) => (es[r2].data.message.commitments[0] = es[r1].data.message.commitments[0])));
    expect(f.V9[0]).toMatch(/^the transcript does not produce a key: /);
    const none = failed(await operator((es) => (es[L.at('CeremonyOpened')].type = 'CeremonyOpenedX')));
    expect(none.V9).toEqual(['error: the log lacks CeremonyOpened or CeremonyCompleted']);
  });
});

section('V10 roll.commitment', () => {
  it('a roll file with another commitment, other entries or another version', () => {
    const roll = (edit: (r: Json) => void) => failed(copy((i) => editJson(i, 'roll', edit)));
    expect(roll((r) => (r.rollCommitment = flipHex(r.rollCommitment)))).toEqual({ V10: ['roll.json states another commitment'] });
    expect(roll((r) => r.entries.pop())).toEqual({ V10: ['roll.json entries differ from the roll in the log'] });
    expect(roll((r) => r.entries.reverse())).toEqual({ V10: ['roll.json entries differ from the roll in the log'] });
    expect(roll((r) => (r.rollVersion = 9))).toEqual({ V10: [expect.stringMatching(/^roll\.json says version 9, the log \d+$/)] });
  });
  it('roll entries in the log that do not match their commitment', async () => {
    const f = failed(await operator((es) => es[L.at('RollEntriesPublished')].data.added.pop()));
    expect(f.V10).toEqual([
      expect.stringMatching(/^the roll entries in the log commit to [0-9a-f]{64}, the roll events say [0-9a-f]{64}$/),
      'roll.json entries differ from the roll in the log',
    ]);
  });
});

// ---- V11, V12, V13: the ballot box, its proofs, eligibility ---------------------------------------

section('V11 ballot-box.hash, V12 ballots.proofs, V13 ballots.eligibility', () => {
  const box = () => lines(good.ballotBox!);
  const withBox = (l: string[]) => copy((i) => (i.ballotBox = l.map((x) => `${x}\n`).join('')));
  const casts = (es: Entry[]) => ofType(es, 'BallotCast');
  it('a box file with a line dropped, duplicated, changed, reordered, or bytes after the last line', () => {
    expect(failed(withBox(box().slice(1)))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: line 1 differs (5 lines, the log has 6 ballots)'] });
    expect(failed(withBox(box().slice(0, 5)))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: line 6 differs (5 lines, the log has 6 ballots)'] });
    expect(failed(withBox([...box(), box()[0]]))).toEqual({ V11: [`ballot-box.jsonl is not the log's ballot box: ${Buffer.byteLength(box()[0]) + 1} bytes after the log's 6 ballots`] });
    const reordered = box();
    [reordered[2], reordered[3]] = [reordered[3], reordered[2]];
    expect(failed(withBox(reordered))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: line 3 differs (6 lines, the log has 6 ballots)'] });
    expect(failed(copy((i) => (i.ballotBox = `${i.ballotBox}x`))).V11).toEqual(['ballot-box.jsonl is not the log\'s ballot box: 1 bytes after the log\'s 6 ballots']);
    expect(failed(copy((i) => (i.ballotBox = i.ballotBox!.slice(0, -1))))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: ballot-box.jsonl must end with a newline'] });
    expect(failed(copy((i) => delete i.ballotBox)).V11).toEqual(['error: ballot-box.jsonl is missing']);
  });
  it('a box line that is not the log\'s is checked apart and never counted (V12 names it)', () => {
    const b = box();
    const stray = JSON.parse(b[0]);
    stray.contests[0].options[0].proof.v0 = flipHex(stray.contests[0].options[0].proof.v0);
    const f = failed(withBox([canonicalJson(stray), ...b.slice(1)]));
    expect(f.V11).toEqual(['ballot-box.jsonl is not the log\'s ballot box: line 1 differs (6 lines, the log has 6 ballots)']);
    expect(f.V12).toEqual([expect.stringMatching(new RegExp(`^ballot ${stray.trackingCode}: .*\\(a line of ballot-box\\.jsonl that is not in the log\\)$`))]);
    const junk = failed(withBox(['{"x":', ...b.slice(1)]));
    expect(junk.V12).toEqual([expect.stringMatching(/^ballot-box\.jsonl has lines that are not ballots: /)]);
    // A line of the log in the box twice is not a stray: V11 alone.
    expect(Object.keys(failed(withBox([...b, b[1]])))).toEqual(['V11']);
  });
  it('closing recorded another hash or count, or no export at all; the tally started from another box', async () => {
    const exp = (edit: (d: Json) => void) => operator((es) => edit(es[L.exported].data));
    const hash = failed(await exp((d) => (d.sha256 = flipHex(d.sha256))));
    expect(hash.V11).toEqual([expect.stringMatching(/^the log's ballots hash to [0-9a-f]{64}, closing recorded [0-9a-f]{64}$/)]);
    const count = failed(await exp((d) => (d.ballots = 7)));
    expect(count.V11).toEqual(['closing recorded 7 ballots, the log has 6']);
    const none = failed(await operator((es) => (es[L.exported].type = 'BallotBoxExportedX')));
    expect(none.V11).toEqual(['the log has no BallotBoxExported event']);
    const at = L.at('TallyStarted');
    const started = failed(await operator((es) => (es[at].data.matchesClosing = false)));
    expect(started.V11).toEqual(['the tally started from another ballot box']);
    const startedHash = failed(await operator((es) => (es[at].data.ballotBoxHash = flipHex(es[at].data.ballotBoxHash))));
    expect(startedHash.V11).toEqual(['the tally started from another ballot box']);
  });
  it('a ballot of the log whose proof fails: V12 names it and the check counts the others', async () => {
    let code = '';
    const f = failed(await operator((es) => {
      const b = casts(es)[5].data.ballot;
      b.contests[0].options[1].proof.v1 = flipHex(b.contests[0].options[1].proof.v1);
      code = b.trackingCode;
    }));
    expect(f.V12).toEqual([`ballot ${code}: tracking-code: the tracking code is not the hash of this ballot; option-proof (PRES): the 0-or-1 proof equations do not hold`]);
    const v = verifyRecord(await operator((es) => {
      const b = casts(es)[5].data.ballot;
      b.contests[0].options[1].proof.v1 = flipHex(b.contests[0].options[1].proof.v1);
    }));
    expect(v.results.find((r) => r.number === 'V12')!.summary).toBe('5 of 6 ballots verify');
  });
  it('one pseudonym with two ballots, a tracking code twice, a pseudonym not on the roll, another style', async () => {
    // Two voters of the same entity: the second ballot moved onto the first voter's stream.
    const entity = new Map((JSON.parse(good.roll!).entries as { pseudonym: string; entity: string }[]).map((e) => [e.pseudonym, e.entity]));
    const all = casts(entriesOf(good));
    const [ka, kb] = (() => {
      for (let a = 0; a < all.length; a++) for (let b = a + 1; b < all.length; b++) if (entity.get(all[a].data.pseudonym) === entity.get(all[b].data.pseudonym)) return [a, b];
      throw new Error('no two voters of one entity');
    })();
    const twice = failed(await operator((es) => {
      const [a, b] = [casts(es)[ka], casts(es)[kb]];
      b.stream = a.stream;
      b.data.pseudonym = a.data.pseudonym;
    }));
    const pa = all[ka].data.pseudonym;
    expect(twice.V13).toEqual([
      `pseudonym ${pa} has more than one ballot`,
      `BallotCast at ${all[kb].position}: the ballot's voter binding does not open to pseudonym ${pa} and the event's credential with its binding nonce`,
    ]);
    const code = failed(await operator((es) => {
      const [a, b] = casts(es);
      b.data.ballot.trackingCode = a.data.ballot.trackingCode;
    }));
    expect(code.V13).toEqual([`tracking code ${casts(entriesOf(good))[0].data.ballot.trackingCode} appears on more than one ballot`]);
    const stranger = failed(await operator((es) => {
      const c = casts(es)[0];
      c.stream = `ballot-${id}-zzzz`;
      c.data.pseudonym = 'zzzz';
    }));
    expect(stranger.V13).toEqual(['pseudonym zzzz is not on the roll', expect.stringMatching(/^BallotCast at \d+: the ballot's voter binding does not open to pseudonym zzzz and the event's credential with its binding nonce$/)]);
  });
  it('a ballot whose style is not its voter\'s entity\'s, off its stream, or whose binding does not open', async () => {
    const es0 = entriesOf(good);
    const c0 = casts(es0)[0];
    const style = failed(await operator((es) => (casts(es)[0].data.ballot.styleId = 'OTHER')));
    expect(style.V13).toEqual([expect.stringMatching(new RegExp(`^pseudonym ${c0.data.pseudonym} voted style OTHER, its entity \\d+ has style [\\w-]+$`))]);
    const stream = failed(await operator((es) => (casts(es)[0].stream = `ballot-${id}-other`)));
    expect(stream.V13).toEqual([`BallotCast at ${c0.position} is not the first event of its pseudonym's stream`]);
    const revision = failed(await operator((es) => (casts(es)[0].revision = 1)));
    expect(revision.V13).toEqual([`BallotCast at ${c0.position} is not the first event of its pseudonym's stream`]);
    const nonce = failed(await operator((es) => (casts(es)[0].data.bindingNonce = flipHex(casts(es)[0].data.bindingNonce))));
    expect(nonce.V13).toEqual([`BallotCast at ${c0.position}: the ballot's voter binding does not open to pseudonym ${c0.data.pseudonym} and the event's credential with its binding nonce`]);
  });
});

// ---- V14, V15, V16: the tally ----------------------------------------------------------------------

section('V14 tally.aggregates, V15 tally.partial-decryptions, V16 tally.results', () => {
  // Another valid group element in place of a recorded one (RFC 9496 A.1: the encodings of 2·G and 3·G).
  const TWO_G = '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919';
  const THREE_G = '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259';
  const addG = (hex: string) => (hex === TWO_G ? THREE_G : TWO_G);
  const total = (es: Entry[], contest = 'PRES') => es.find((e) => e.type === 'EncryptedTallyComputed' && e.data.contestId === contest)!;
  it('an encrypted total that is not the sum, with another ballot count, or missing an option', async () => {
    const sum = failed(await operator((es) => (total(es).data.options[0].alpha = addG(total(es).data.options[0].alpha))));
    expect(sum.V14).toEqual(['PRES/A: the recorded total is not the sum of the ballots']);
    expect(sum.V16).toEqual(expect.arrayContaining(['PRES/A: ciphertext is not the total recorded in the log']));
    const count = failed(await operator((es) => (total(es).data.ballots = 5)));
    expect(count.V14).toEqual(['PRES: 5 ballots recorded, 6 recomputed']);
    expect(count.V16).toEqual(['PRES: says 6 ballots, EncryptedTallyComputed 5']);
    const fewer = failed(await operator((es) => total(es).data.options.pop()));
    expect(fewer.V14).toEqual(['PRES: 6 totals recorded for 7 options']);
  });
  it('the contests with totals are not the ones TallyStarted lists, or it counts another number of ballots', async () => {
    const at = L.at('TallyStarted');
    const contests = failed(await operator((es) => es[at].data.contests.reverse()));
    expect(contests).toEqual({ V14: ['the contests with encrypted totals are not the ones TallyStarted lists'] });
    const ballots = failed(await operator((es) => (es[at].data.ballots = 7)));
    expect(ballots).toEqual({ V14: ['TallyStarted counts 7 ballots, the log has 6'] });
    const threshold = failed(await operator((es) => (es[at].data.threshold = 3)));
    // (The message names CeremonyCompleted's threshold, which TallyStarted contradicts.)
    expect(threshold).toEqual({ V16: [expect.stringMatching(/^tally\/results\.json says threshold 2, the log /)] });
  });
  it('no encrypted totals at all', async () => {
    const f = failed(await operator((es) => es.filter((e) => e.type === 'EncryptedTallyComputed').forEach((e) => (e.type = 'EncryptedTallyComputedX'))));
    expect(f.V14).toEqual(['the log has no EncryptedTallyComputed event', 'the contests with encrypted totals are not the ones TallyStarted lists']);
  });
  it('a partial decryption changed, made by another trustee, missing, or for a contest without a total', async () => {
    const posted = (es: Entry[]) => ofType(es, 'PartialDecryptionPosted');
    const share = failed(await operator((es) => (posted(es)[0].data.partials[0].share = addG(posted(es)[0].data.partials[0].share))));
    expect(share.V15).toEqual([expect.stringMatching(/^trustee 1, PRES\/A: [\w.-]+: /)]);
    expect(share.V16).toEqual(['PRES/A: the partial decryptions are not the ones the log holds for trustees 1,2']);
    const who = failed(await operator((es) => (posted(es)[0].data.partials[1].trustee = 2)));
    expect(who.V15).toEqual(['trustee 1, PRES/B: made by trustee 2', expect.stringMatching(/^trustee 1, PRES\/B: partial-decryption\.proof: trustee 2's proof for option PRES\/B does not verify/)]);
    const fewer = failed(await operator((es) => posted(es)[0].data.partials.pop()));
    expect(fewer.V15).toEqual(['trustee 1, PRES: 6 partial decryptions for 7 options', expect.stringMatching(/^trustee 1, PRES\/NULO: made by trustee undefined/), expect.stringMatching(/^trustee 1, PRES\/NULO: /)]);
    const contest = failed(await operator((es) => (posted(es)[0].data.contestId = 'NONE')));
    expect(contest.V15).toEqual(['trustee 1: contest NONE has no recorded total']);
  });
  // (The trustee's signature over the event, V20's, breaks too: only V15 is pinned here.)
  it('a partial decryption posted as version 1, or for another box or ballot count than the log\'s (its proof is checked against the log\'s)', async () => {
    const posted = (es: Entry[]) => ofType(es, 'PartialDecryptionPosted');
    const first = posted(entriesOf(good))[0];
    const version = failed(await operator((es) => (posted(es)[0].version = 1)));
    expect(version.V15).toEqual([`PartialDecryptionPosted at log entry ${first.position} (trustee 1, PRES) is version 1; only version 2 or later is accepted: version 1 proofs bind no ballot box, so they cannot show the trustee decrypted the totals of the exported box`]);
    expect(failed(await operator((es) => (posted(es)[0].version = 2))).V15).toBeUndefined();
    const box = failed(await operator((es) => (posted(es)[0].data.ballotBoxHash = flipHex(first.data.ballotBoxHash))));
    expect(box.V15).toEqual([`trustee 1, PRES: posted for ballot box ${flipHex(first.data.ballotBoxHash)}, closing recorded ${first.data.ballotBoxHash}`]);
    const count = failed(await operator((es) => (posted(es)[0].data.ballots = 7)));
    expect(count.V15).toEqual(['trustee 1, PRES: posted for 7 ballots, EncryptedTallyComputed records 6']);
  });
  const withResults = (edit: (r: Json) => void) => copy((i) => editJson(i, 'results', edit));
  it('a results file of another format, election, threshold or ballot count', () => {
    expect(failed(withResults((r) => (r.format = 'urna.record-results/0')))).toEqual({ V16: ['unknown results format "urna.record-results/0"'] });
    expect(failed(withResults((r) => (r.electionId = 'otra')))).toEqual({ V16: ['tally/results.json is for otra'] });
    expect(failed(withResults((r) => (r.threshold = 3)))).toEqual({ V16: ['tally/results.json says threshold 3, the log 2'] });
    expect(failed(withResults((r) => (r.ballots = 5)))).toEqual({ V16: ['tally/results.json says 5 ballots, the log has 6'] });
    expect(failed(copy((i) => delete i.results)).V16).toEqual(['error: tally/results.json is missing']);
  });
  it('a results file whose contests are not the published ones', () => {
    const f = failed(withResults((r) => r.contests.pop()));
    expect(f).toEqual({ V16: ['tally/results.json has contests PRES,SEN-09,SEN-14,SEN-31,GOB-14, the log published PRES,SEN-09,SEN-14,SEN-31,GOB-14,GOB-31'] });
  });
  it('a contest result with another count, ballots, trustees, threshold, maxCount, ciphertext or partial decryption', () => {
    const c0 = (edit: (c: Json) => void) => failed(withResults((r) => edit(r.contests[0])));
    const first = JSON.parse(good.results!).contests[0];
    expect(c0((c) => (c.ballots = 5))).toEqual({ V16: ['PRES: says 5 ballots, EncryptedTallyComputed 6'] });
    expect(c0((c) => (c.trustees = [1, 3]))).toEqual({ V16: ['PRES: trustees 1,3, ResultsPublished names 1,2'] });
    expect(c0((c) => (c.result.threshold = 3))).toEqual({ V16: expect.arrayContaining(['PRES: the result says threshold 3, the log 2']) });
    expect(c0((c) => (c.result.maxCount = 7))).toEqual({ V16: expect.arrayContaining(['PRES: maxCount 7, the ballot box holds 6']) });
    expect(c0((c) => (c.result.options[0].count += 1))).toEqual({ V16: expect.arrayContaining([`PRES/A: results.json says ${first.result.options[0].count + 1}, the log published ${first.result.options[0].count}`]) });
    expect(c0((c) => (c.result.options[0].optionId = 'PRES/B'))).toEqual({ V16: expect.arrayContaining([`PRES/B: results.json says ${first.result.options[0].count}, the log published ${first.result.options[0].count}`]) });
    expect(c0((c) => (c.result.options[0].ciphertext.alpha = addG(c.result.options[0].ciphertext.alpha)))).toEqual({ V16: expect.arrayContaining([
      'PRES/A: ciphertext is not the recomputed total', 'PRES/A: ciphertext is not the total recorded in the log',
    ]) });
    expect(c0((c) => c.result.options[0].partialDecryptions.pop())).toEqual({ V16: expect.arrayContaining(['PRES/A: the partial decryptions are not the ones the log holds for trustees 1,2']) });
    expect(c0((c) => c.result.options.pop())).toEqual({ V16: expect.arrayContaining(['PRES: 6 options, the log published 7']) });
  });
  it('results published for fewer trustees than the threshold, for a contest not in the file, or not at all', async () => {
    const few = failed(await operator((es) => (ofType(es, 'ResultsPublished')[0].data.trustees = [1]), (i) => editJson(i, 'results', (r) => (r.contests[0].trustees = [1]))));
    expect(few.V16).toEqual(expect.arrayContaining(['PRES: combined 1 trustees, the threshold is 2']));
    const none = failed(await operator((es) => ofType(es, 'ResultsPublished').forEach((e) => (e.type = 'ResultsPublishedX'))));
    expect(none.V16).toEqual(expect.arrayContaining(['the log has no ResultsPublished event', 'PRES: not published in the log']));
  });
});

// ---- V17: the acta ------------------------------------------------------------------------------------

section('V17 acta.results', () => {
  /** The acta edited and its hash recorded again by the operator (ActaIssued), so V17's other rules speak. */
  const reissued = (edit: (a: Json) => void) => {
    const acta = JSON.parse(good.acta!);
    edit(acta);
    const text = canon(acta);
    return operator((es) => (es[L.at('ActaIssued')].data.jsonSha256 = sha256Hex(text.slice(0, -1))), (i) => (i.acta = text));
  };
  it('an acta whose bytes are not the one recorded, not canonical, or missing while ActaIssued is logged', () => {
    expect(failed(copy((i) => (i.acta = i.acta!.replace(/"votesInWords":"[a-z]+"/, '"votesInWords":"mil"')))).V17).toEqual(expect.arrayContaining(['acta.json is not the acta whose hash was recorded (ActaIssued)']));
    expect(failed(copy((i) => (i.acta = i.acta!.replace('{"', '{ "'))))).toEqual({ V17: ['error: acta/acta.json is not RFC 8785 canonical JSON'] });
    expect(failed(copy((i) => delete i.acta))).toEqual({ V17: ['error: the log records ActaIssued, but acta/acta.json is missing'] });
  });
  it('no acta and none issued: skipped; an acta but none issued: refused', async () => {
    const noIssue = await operator((es) => (es[L.at('ActaIssued')].type = 'ActaIssuedX'));
    const skipped = verifyRecord(copy((i) => {
      i.logEntries = noIssue.logEntries;
      i.logCheckpoints = noIssue.logCheckpoints;
      delete i.acta;
    }));
    expect(skipped.results.find((r) => r.number === 'V17')).toMatchObject({ status: 'skipped', summary: 'no acta in this record, and none issued in the log' });
    expect(failed(noIssue)).toEqual({ V17: ['acta/acta.json is in the record, but the log records no ActaIssued'] });
  });
  it('another document, election or ballot box', async () => {
    expect(failed(await reissued((a) => (a.document = 'urna.other')))).toEqual({ V17: ['acta.json is a urna.other v1, not urna.tally-record v1'] });
    expect(failed(await reissued((a) => (a.formatVersion = 2)))).toEqual({ V17: ['acta.json is a urna.tally-record v2, not urna.tally-record v1'] });
    expect(failed(await reissued((a) => (a.electionId = 'otra')))).toEqual({ V17: ['the acta is for otra'] });
    expect(failed(await reissued((a) => (a.ballotBoxHash = flipHex(a.ballotBoxHash))))).toEqual({ V17: ['the acta names another ballot box hash'] });
  });
  it('a line with other votes, words or kind; lines that are not the published options', async () => {
    const pres = JSON.parse(good.acta!).contests[0];
    const votes = pres.lines[0].votes;
    expect(failed(await reissued((a) => (a.contests[0].lines[0].votes += 1)))).toEqual({ V17: [
      `PRES/A: acta ${votes + 1}, results ${votes}`, `PRES/A: "${pres.lines[0].votesInWords}" is not ${votes + 1} in words`,
    ] });
    expect(failed(await reissued((a) => (a.contests[0].lines[0].votesInWords = 'muchos')))).toEqual({ V17: [`PRES/A: "muchos" is not ${votes} in words`] });
    expect(failed(await reissued((a) => (a.contests[0].lines[0].kind = 'null')))).toEqual({ V17: ['PRES/A: kind null, the manifest\'s option maps to party'] });
    expect(failed(await reissued((a) => a.contests[0].lines.pop()))).toEqual({ V17: ['PRES: the acta\'s lines are not the published options'] });
    expect(failed(await reissued((a) => (a.contests[0].lines[6].optionId = 'OTRO')))).toEqual({ V17: [
      'PRES: the acta\'s lines are not the published options', 'PRES/OTRO: acta 1, results undefined', 'PRES/OTRO: kind null, the manifest\'s option maps to undefined',
    ] });
  });
  it('totals that are not the ballots of the contest, or do not add up', async () => {
    expect(failed(await reissued((a) => (a.contests[0].totals.total.votes = 7)))).toEqual({ V17: [
      'PRES: the acta\'s total is 7, 6 ballots held the contest', 'PRES: valid + non-registered + null ≠ total', 'PRES: the total total\'s "seis" is not 7 in words',
    ] });
    // The cached election's first voter marked every contest null, the second non-registered.
    expect(failed(await reissued((a) => (a.contests[0].totals.null.votes = 2)))).toEqual({ V17: [
      'PRES: valid + non-registered + null ≠ total', 'PRES: the acta\'s null total is 2, the published counts give 1', `PRES: the null total's "${spanishNumberWords(1)}" is not 2 in words`,
    ] });
  });
  it('totals that add up but are not their lines\' sums, totals whose words are not their votes, or no totals', async () => {
    // One vote moved from valid to non-registered (in figures and words): the four still add up.
    const moved = failed(await reissued((a) => {
      const t = a.contests[0].totals;
      t.valid.votes -= 1;
      t.valid.votesInWords = spanishNumberWords(t.valid.votes);
      t.nonRegistered.votes += 1;
      t.nonRegistered.votesInWords = spanishNumberWords(t.nonRegistered.votes);
    }));
    expect(moved).toEqual({ V17: ['PRES: the acta\'s valid total is 3, the published counts give 4', 'PRES: the acta\'s nonRegistered total is 2, the published counts give 1'] });
    // The one non-registered vote moved to null, and the null one to valid: each kind is summed from its own options.
    const moveTotal = (from: 'valid' | 'nonRegistered' | 'null', to: 'valid' | 'nonRegistered' | 'null') => async () => failed(await reissued((a) => {
      const t = a.contests[0].totals;
      t[from].votes -= 1;
      t[from].votesInWords = spanishNumberWords(t[from].votes);
      t[to].votes += 1;
      t[to].votesInWords = spanishNumberWords(t[to].votes);
    }));
    expect(await moveTotal('nonRegistered', 'null')()).toEqual({ V17: ['PRES: the acta\'s nonRegistered total is 0, the published counts give 1', 'PRES: the acta\'s null total is 2, the published counts give 1'] });
    expect(await moveTotal('null', 'valid')()).toEqual({ V17: ['PRES: the acta\'s valid total is 5, the published counts give 4', 'PRES: the acta\'s null total is 0, the published counts give 1'] });
    expect(failed(await reissued((a) => (a.contests[0].totals.valid.votesInWords = 'cinco')))).toEqual({ V17: ['PRES: the valid total\'s "cinco" is not 4 in words'] });
    expect(failed(await reissued((a) => delete a.contests[0].totals))).toEqual({ V17: ['PRES: the acta\'s total is undefined, 6 ballots held the contest'] });
    expect(failed(await reissued((a) => delete a.contests[0].totals.total))).toEqual({ V17: ['PRES: the acta\'s total is undefined, 6 ballots held the contest', expect.stringMatching(/^error: /)] });
  });
  it('a contest missing or not published', async () => {
    expect(failed(await reissued((a) => a.contests.pop()))).toEqual({ V17: ['the acta has 5 contests, the results 6'] });
    expect(failed(await reissued((a) => (a.contests[5].contestId = 'OTRO')))).toEqual({ V17: expect.arrayContaining(['OTRO: in the acta, not in the published results']) });
  });
  it('trustees not enrolled, citing other log entries, or not those whose shares were combined', async () => {
    expect(failed(await reissued((a) => (a.trustees[0].trusteeId = 'trustee-9')))).toEqual({ V17: ['the acta names trustee trustee-9, who is not enrolled', 'the acta names trustees 2, the results combined 1,2'] });
    const cited = JSON.parse(good.acta!).trustees[0].decryptionEventPositions as number[];
    expect(failed(await reissued((a) => a.trustees[0].decryptionEventPositions.pop()))).toEqual({ V17: [`trustee trustee-1: the acta cites log entries ${cited.slice(0, -1).join(',')}, the log has their partial decryptions at ${cited.join(',')}`] });
    expect(failed(await reissued((a) => a.trustees.pop()))).toEqual({ V17: ['the acta names trustees 1, the results combined 1,2'] });
  });
});

// ---- V18: spoiled ballots ---------------------------------------------------------------------------

section('V18 ballots.spoiled', () => {
  const spoiled = (es: Entry[]) => ofType(es, 'BallotSpoiled');
  const s0 = () => spoiled(entriesOf(good))[0];
  it('a spoiled ballot of another version, stream, revision or actor', async () => {
    const at = s0().position;
    expect(failed(await operator((es) => (spoiled(es)[0].version = 1))).V18).toEqual([`BallotSpoiled at log entry ${at} is version 1; only version 3 (urna/ballot/v3, nothing that names the voter) is accepted`]);
    expect(failed(await operator((es) => (spoiled(es)[0].stream = `spoiled-${id}-x`))).V18).toEqual([`BallotSpoiled at log entry ${at} is on spoiled-${id}-x, revision 0: it must be revision 0 of spoiled-<election>-<its tracking code>`]);
    expect(failed(await operator((es) => (spoiled(es)[0].revision = 1))).V18).toEqual([`BallotSpoiled at log entry ${at} is on ${s0().stream}, revision 1: it must be revision 0 of spoiled-<election>-<its tracking code>`]);
    expect(failed(await operator((es) => (spoiled(es)[0].actor = 'system:other'))).V18).toEqual([`BallotSpoiled at log entry ${at} was appended by system:other, not system:benaloh`]);
  });
  it('a spoiled ballot whose tracking code or style is not its ballot\'s, or whose disclosure has another shape', async () => {
    const at = s0().position;
    expect(failed(await operator((es) => (spoiled(es)[0].data.trackingCode = 'x'))).V18).toEqual([`BallotSpoiled at log entry ${at}: its trackingCode or styleId is not its ballot's`]);
    expect(failed(await operator((es) => (spoiled(es)[0].data.styleId = 'x'))).V18).toEqual([`BallotSpoiled at log entry ${at}: its trackingCode or styleId is not its ballot's`]);
    const extra = failed(await operator((es) => (spoiled(es)[0].data.disclosure.extra = 1)));
    expect(extra.V18).toEqual([`BallotSpoiled at log entry ${at}: the disclosure is not exactly {selections, nonces}`]);
    const none = failed(await operator((es) => delete spoiled(es)[0].data.disclosure));
    expect(none.V18[0]).toBe(`BallotSpoiled at log entry ${at}: the disclosure is not exactly {selections, nonces}`);
    expect(none.V18[1]).toMatch(new RegExp(`^spoiled ballot ${s0().data.ballot.trackingCode} \\(log entry ${at}\\) does not open from its disclosure: `));
  });
  it('a disclosure that does not open the ballot names the contest and option', async () => {
    const at = s0().position;
    const f = failed(await operator((es) => {
      const n = spoiled(es)[0].data.disclosure.nonces;
      n[0][1] = n[0][0];
    }));
    expect(f.V18).toEqual([expect.stringMatching(new RegExp(`^spoiled ballot ${s0().data.ballot.trackingCode} \\(log entry ${at}\\) does not open from its disclosure: ciphertext \\(PRES, option 1\\): `))]);
  });
  it('a tracking code spoiled twice; a cast ballot that is a spoiled one, or reuses one\'s ciphertext', async () => {
    const [a, b] = spoiled(entriesOf(good));
    const twice = failed(await operator((es) => {
      const [x, y] = spoiled(es);
      y.data = JSON.parse(JSON.stringify(x.data));
      y.stream = x.stream;
    }));
    expect(twice.V18).toEqual([`tracking code ${a.data.ballot.trackingCode} is spoiled more than once (log entries ${a.position}, ${b.position})`]);
    const cast0 = ofType(entriesOf(good), 'BallotCast')[0];
    const same = failed(await operator((es) => (ofType(es, 'BallotCast')[0].data.ballot = a.data.ballot)));
    expect(same.V18).toEqual([`the cast ballot ${a.data.ballot.trackingCode} (log entry ${cast0.position}) is the spoiled ballot of log entry ${a.position}: a ballot is cast or spoiled, never both`]);
    const reuse = failed(await operator((es) => {
      const c = ofType(es, 'BallotCast')[0].data.ballot;
      c.contests[1].options[0].beta = a.data.ballot.contests[1].options[0].beta;
    }));
    expect(reuse.V18).toEqual([`the cast ballot ${cast0.data.ballot.trackingCode} (log entry ${cast0.position}) reuses the α or β ${a.data.ballot.contests[1].options[0].beta} of the spoiled ballot ${a.data.ballot.trackingCode} (log entry ${a.position}), whose disclosure published its nonce`]);
  });
});


// ---- Rules found untested by the mutation runs (mutation/README.md, "Record verifier") ----------

/** The good record's root after its first `size` entries. */
function rootAt(size: number): Uint8Array {
  const range = new CompactRange(0, []);
  lines(good.logEntries!).slice(0, size).forEach((l) => range.append(hashLeaf(new TextEncoder().encode(l))));
  return range.root();
}
/** The good record with checkpoint line `k` (0-based) replaced by `row`. */
const withCheckpointRow = (k: number, row: unknown) => copy((i) => {
  const rows = lines(i.logCheckpoints!);
  rows[k] = canonicalJson(row);
  i.logCheckpoints = rows.map((r) => `${r}\n`).join('');
});

section('V1 record.index: the index is compared only when there is one', () => {
  it('with no record.json, V2 still judges the key and V6 the roots (V1 alone says the index is missing)', () => {
    const f = failed(copy((i) => delete i.index));
    expect(f.V1).toEqual(['error: record.json is missing']);
    expect([f.V2, f.V6]).toEqual([undefined, undefined]);
  });
});

section('V3 and V4: checkpoint lines that are not checkpoints', () => {
  it('a line whose note is not a signed note: V3 and V4 each name the line, and the later lines keep their numbers', () => {
    expect(failed(withCheckpointRow(3, { size: L.n - 1, note: 'garbage' }))).toEqual({
      V3: ['checkpoint line 4: note has no blank line before its signatures'],
      V4: ['checkpoint line 4: note has no blank line before its signatures'],
    });
  });
  it('a signed checkpoint with a malformed urna-sequence line: V4 says so, then that it has no number', async () => {
    const note = await signNote(formatCheckpointText(signer.name, L.n - 1, rootAt(L.n - 1), ['urna-sequence x']), signer);
    expect(failed(withCheckpointRow(3, { size: L.n - 1, note }))).toEqual({ V4: ['checkpoint line 4: malformed extension line "urna-sequence x"', 'checkpoint line 4: no urna-sequence line'] });
  });
});

section('V5 and V6: sealed commitments, no checkpoint, progress', () => {
  it('a sealed commitment with a digit before it, one digit short, or a letter that is not hex', async () => {
    const v = async (edit: (e: Entry) => void) => failed(await operator((es) => edit(es[L.sealed])));
    const shape = [`entry ${L.sealed}: a sealed entry's data must be exactly {"commitment": 64 hex digits}`];
    expect((await v((e) => (e.data.commitment = `0${e.data.commitment}`))).V5).toEqual(shape);
    expect((await v((e) => (e.data.commitment = e.data.commitment.slice(1)))).V5).toEqual(shape);
    expect((await v((e) => (e.data.commitment = `g${e.data.commitment.slice(1)}`))).V5).toEqual(shape);
  });
  it('no checkpoint at all: V6 says the newest signed size is none (-1)', () => {
    expect(failed(copy((i) => (i.logCheckpoints = ''))).V6).toEqual([`the newest signed checkpoint has size -1, the record has ${L.n} entries`]);
  });
  it('reports the roots\' progress every 10 000 entries', () => {
    const many = copy((i) => (i.logEntries = `${i.logEntries}${`${lines(i.logEntries!)[L.n - 1]}\n`.repeat(10000)}`));
    const progress: string[] = [];
    verifyRecord(many, { onProgress: (check, done, total) => progress.push(`${check} ${done}/${total}`) });
    expect(progress).toEqual([`log.roots 10000/${L.n + 10000}`, 'ballots.proofs 6/6']);
  });
});

section('V7 log.embedded-checkpoints: quotes that are not checkpoints, and the export\'s bounds', () => {
  it('a note that is not a string, or an acta that is not JSON: no signed checkpoint quoted', () => {
    expect(failed(copy((i) => editJson(i, 'acta', (a) => (a.closingCheckpoint.note = 7)))).V7).toEqual(['the acta quotes no signed checkpoint']);
    expect(failed(copy((i) => (i.acta = 'not json'))).V7).toEqual(['the acta quotes no signed checkpoint']);
  });
  it('an acta whose size is the right number as a string: only that size is wrong', () => {
    expect(failed(copy((i) => editJson(i, 'acta', (a) => (a.closingCheckpoint.size = String(a.closingCheckpoint.size))))).V7).toEqual([`the acta: says size ${L.closing}, its signed note size ${L.closing}`]);
  });
  it('BallotBoxExported quoting no checkpoint, or no BallotBoxExported at all', async () => {
    const stale = [`the acta: its checkpoint of size ${L.closing} is not the one in log/checkpoints.jsonl`, `the acta: the log's entries give another root at size ${L.closing} than the checkpoint it quotes`];
    expect(failed(await operator((es) => (es[L.exported].data.checkpoint.note = ''))).V7).toEqual([`BallotBoxExported (log entry ${L.exported}) quotes no signed checkpoint`, ...stale]);
    expect(failed(await operator((es) => (es[L.exported].type = 'BallotBoxExportedX'))).V7).toEqual(stale);
  });
  it('the export\'s checkpoint must include the last ballot: one entry short is refused, that size is not', async () => {
    const lastBallot = Math.max(...ofType(entriesOf(good), 'BallotCast').map((e) => e.position));
    const quoting = async (size: number) => {
      const note = await signNote(formatCheckpointText(signer.name, size, rootAt(size), ['urna-sequence 1']), signer);
      return failed(await operator((es) => (es[L.exported].data.checkpoint = { size, note, rootHash: Buffer.from(rootAt(size)).toString('hex') })));
    };
    const uncovered = `BallotBoxExported quotes a checkpoint of size ${lastBallot}, which does not cover the ballot at log entry ${lastBallot}`;
    expect((await quoting(lastBallot)).V7).toContain(uncovered);
    expect((await quoting(lastBallot + 1)).V7.some((p) => /does not cover/.test(p))).toBe(false);
  });
});

section('V5 to V7: what the verifier-log mutation run left (mutation/README.md)', () => {
  it('a leaf entry that is JSON null is not an object', async () => {
    const f = failed(await operator((es) => { (es as unknown[])[L.sealed] = null; }));
    expect(f.V5).toEqual([`entry ${L.sealed}: not a JSON object`]);
  });
  it('a sealed commitment that is an array holding 64 hex digits is not a string', async () => {
    const f = failed(await operator((es) => (es[L.sealed].data.commitment = [es[L.sealed].data.commitment])));
    expect(f.V5).toEqual([`entry ${L.sealed}: a sealed entry's data must be exactly {"commitment": 64 hex digits}`]);
  });
  it('a BallotCast on another election\'s ballot stream is not one of this election\'s ballots', async () => {
    const k = L.at('BallotCast');
    const f = failed(await operator((es) => (es[k].stream = es[k].stream.replace(`ballot-${id}-`, 'ballot-otra-2027-'))));
    expect(f.V11).toEqual(expect.arrayContaining([expect.stringMatching(/^ballot-box\.jsonl is not the log's ballot box/)]));
  });
  it('an ElectionOpened on another stream is not this election\'s opening', async () => {
    const k = L.at('ElectionOpened');
    const f = failed(await operator((es) => (es[k].stream = 'lifecycle-otra-2027')));
    expect(f.V8).toEqual(expect.arrayContaining([expect.stringMatching(/ElectionOpened/)]));
  });
  it('a preservation manifest with no manifest member quotes no checkpoint, and the other checks still run', () => {
    const v = verifyRecord(copy((i) => (i.preservation = canon({}))));
    expect(v.results.filter((r) => r.status === 'fail').map((r) => [r.number, r.problems])).toEqual([['V7', ['the preservation manifest quotes no signed checkpoint']]]);
  });
  it('no checkpoint after the export: the acta\'s closing checkpoint is compared with none, in words', () => {
    const f = failed(copy((i) => (i.logCheckpoints = lines(i.logCheckpoints!).filter((l) => JSON.parse(l).size <= L.exported).map((l) => `${l}\n`).join(''))));
    expect(f.V7).toContain(`the acta's closing checkpoint (size ${L.closing}) is not the first one covering the ballot box export (size undefined)`);
  });
  it('a quote whose stated size is not its note\'s: said once, and its note\'s root is still compared with the entries', async () => {
    const stale = [`the acta: its checkpoint of size ${L.closing} is not the one in log/checkpoints.jsonl`, `the acta: the log's entries give another root at size ${L.closing} than the checkpoint it quotes`];
    const f = failed(await operator((es) => (es[L.exported].data.checkpoint.size = 3)));
    expect(f.V7).toEqual([`BallotBoxExported (log entry ${L.exported}): says size 3, its signed note size ${L.exported}`, ...stale]);
  });
});

section('V17 and V18: what the verifier-rest mutation run left (mutation/README.md)', () => {
  const actaHash = 'acta.json is not the acta whose hash was recorded (ActaIssued)';
  it('an acta contest the manifest and the results lack is named, not thrown on', () => {
    const f = failed(copy((i) => editJson(i, 'acta', (a) => a.contests.push({ ...a.contests[0], contestId: 'X-NO-EXISTE' }))));
    expect(f.V17).toEqual(expect.arrayContaining([
      actaHash, 'X-NO-EXISTE: in the acta, not in the published results',
      'X-NO-EXISTE/A: kind party, the manifest\'s option maps to undefined',
      'X-NO-EXISTE: the acta\'s total is 6, undefined ballots held the contest',
      'the acta has 7 contests, the results 6',
    ]));
  });
  it('the acta names its trustees in another order: the same trustees, no problem but the hash', () => {
    const f = failed(copy((i) => editJson(i, 'acta', (a) => a.trustees.reverse())));
    expect(f.V17).toEqual([actaHash]);
  });
  it('an acta with no trustees member names nobody', () => {
    const f = failed(copy((i) => editJson(i, 'acta', (a) => delete a.trustees)));
    expect(f.V17).toEqual([actaHash, expect.stringMatching(/^the acta names trustees , the results combined \d/)]);
  });
  it('a TrusteeEnrolled on another stream does not enrol the trustee the acta names', async () => {
    const k = L.at('TrusteeEnrolled');
    const trusteeId = entriesOf(good)[k].data.trusteeId as string;
    const f = failed(await operator((es) => (es[k].stream = 'ceremony-otra-2027')));
    expect(f.V17).toEqual(expect.arrayContaining([`the acta names trustee ${trusteeId}, who is not enrolled`]));
  });
  it('a spoiled ballot with no ballot, or a disclosure that is null, is judged, not thrown on', async () => {
    const k = L.at('BallotSpoiled');
    const noBallot = failed(await operator((es) => delete es[k].data.ballot));
    expect(noBallot.V18).toEqual(expect.arrayContaining([`BallotSpoiled at log entry ${k}: its trackingCode or styleId is not its ballot's`]));
    const nullDisclosure = failed(await operator((es) => (es[k].data.disclosure = null)));
    expect(nullDisclosure.V18).toEqual(expect.arrayContaining([`BallotSpoiled at log entry ${k}: the disclosure is not exactly {selections, nonces}`]));
  });
});

section('V11 to V13: no TallyStarted, a stray that verifies, a pseudonym inside the ballot', () => {
  it('no TallyStarted: nothing to compare the box, the totals or the threshold with (only the acta\'s box hash fails)', async () => {
    expect(failed(await operator((es) => (es[L.at('TallyStarted')].type = 'TallyStartedX')))).toEqual({ V17: ['the acta names another ballot box hash'] });
  });
  it('a box line that is not the log\'s but verifies: V11 refuses the file, V12 has nothing to say about it', () => {
    const spoiledBallot = ofType(entriesOf(good), 'BallotSpoiled')[0].data.ballot;
    const extra = `${canonicalJson(spoiledBallot)}\n`;
    expect(failed(copy((i) => (i.ballotBox = `${i.ballotBox}${extra}`)))).toEqual({ V11: [`ballot-box.jsonl is not the log's ballot box: ${Buffer.byteLength(extra)} bytes after the log's 6 ballots`] });
  });
  it('a ballot that names its own event\'s pseudonym (the v1 form) is on its stream: V13 has nothing to say', async () => {
    expect(failed(await operator((es) => (ofType(es, 'BallotCast')[0].data.ballot.pseudonym = ofType(es, 'BallotCast')[0].data.pseudonym))).V13).toBeUndefined();
  });
  it('a BallotCast with no ballot: the record is judged (its box line is null), not thrown on', async () => {
    const i = await operator((es) => delete ofType(es, 'BallotCast')[0].data.ballot);
    expect(() => verifyRecord(i)).not.toThrow();
    const f = failed(i);
    expect(f.V11).toEqual(expect.arrayContaining([expect.stringMatching(/^the log's ballots hash to /)]));
    expect(f.V12).toEqual(expect.arrayContaining([expect.stringMatching(/^ballot undefined: /)]));
    // V18 still compares it with the spoiled ballots, without stopping on the missing ballot.
    expect(f.V18).toBeUndefined();
  });
  it('a BallotCast whose signature is not a string: the ballot is checked as carrying none', async () => {
    const code = ofType(entriesOf(good), 'BallotCast')[0].data.ballot.trackingCode;
    expect(failed(await operator((es) => (ofType(es, 'BallotCast')[0].data.signature = 7))).V12).toEqual([`ballot ${code}: signature: a cast ballot carries its voter's signature`]);
  });
  it('a ballot that names a pseudonym other than its event\'s (the v1 form): not its pseudonym\'s first event', async () => {
    const c0 = ofType(entriesOf(good), 'BallotCast')[0];
    expect(failed(await operator((es) => (ofType(es, 'BallotCast')[0].data.ballot.pseudonym = 'zzzz'))).V13).toEqual([`BallotCast at ${c0.position} is not the first event of its pseudonym's stream`]);
  });
});

section('V14 to V16: a total for an option the manifest lacks, and the results\' own proofs', () => {
  it('an encrypted total with one option more than the contest: V14 counts it and refuses its sum, V15 finds no partial for it', async () => {
    const f = failed(await operator((es) => {
      const t = es.find((e) => e.type === 'EncryptedTallyComputed' && e.data.contestId === 'PRES')!;
      t.data.options.push({ ...t.data.options[0], optionId: 'X' });
    }));
    expect(f.V14).toEqual(['PRES: 8 totals recorded for 7 options', 'PRES/X: the recorded total is not the sum of the ballots']);
    expect(f.V15).toEqual([1, 2].flatMap((j) => [`trustee ${j}, PRES: 7 partial decryptions for 8 options`, `trustee ${j}, PRES/X: made by trustee undefined`, `trustee ${j}, PRES/X: partial-decryption.shape: expected an object`]));
    // The results are checked against the totals the ballots give, which have no PRES/X: V16 has nothing to say.
    expect(f.V16).toBeUndefined();
  });
  it('an encrypted total on another stream than the election\'s tally is not the contest\'s total', async () => {
    const f = failed(await operator((es) => (es.find((e) => e.type === 'EncryptedTallyComputed' && e.data.contestId === 'PRES')!.stream = `tally-${id}-x`)));
    expect(f.V14).toEqual(['the contests with encrypted totals are not the ones TallyStarted lists']);
  });
  it('a partial decryption on another stream than the election\'s tally is not the trustee\'s', async () => {
    const f = failed(await operator((es) => (ofType(es, 'PartialDecryptionPosted')[0].stream = `tally-${id}-x`)));
    // V16 names every option whose shares the log does not hold (it once threw on encoding the missing one).
    const optionIds = (JSON.parse(good.results!).contests[0].result.options as { optionId: string }[]).map((o) => o.optionId);
    expect(f.V16).toEqual(optionIds.map((o) => `${o}: the partial decryptions are not the ones the log holds for trustees 1,2`));
  });
  it('a count or a partial decryption changed in results.json: the result\'s own checks say why, with the trustee', () => {
    const count = failed(copy((i) => editJson(i, 'results', (r) => (r.contests[0].result.options[0].count += 1))));
    const first = JSON.parse(good.results!).contests[0].result.options[0];
    expect(count).toEqual({ V16: [
      'PRES: tally.count: option PRES/A: count·G ≠ β − Σ λⱼ·Dⱼ (the published count is not what the ciphertext decrypts to)',
      `PRES/A: results.json says ${first.count + 1}, the log published ${first.count}`,
    ] });
    const TWO_G = '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919';
    const THREE_G = '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259';
    const share = failed(copy((i) => editJson(i, 'results', (r) => {
      const p = r.contests[0].result.options[0].partialDecryptions[0];
      p.share = p.share === TWO_G ? THREE_G : TWO_G;
    })));
    expect(share.V16).toEqual([
      'PRES: partial-decryption.proof (trustee 1): trustee 1\'s proof for option PRES/A does not verify for this ballot box and ballot count: its decryption share is not xⱼ·α, or it was made for other totals',
      expect.stringMatching(/^PRES: tally\.not-enough-trustees: .*\(option PRES\/A\)$/),
      'PRES/A: the partial decryptions are not the ones the log holds for trustees 1,2',
    ]);
  });
});

section('V14 to V17: forged decryptions, another Lagrange set, counts the shares do not give', () => {
  const TWO_G = '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919';
  const THREE_G = '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259';
  const addG = (hex: string) => (hex === TWO_G ? THREE_G : TWO_G);
  const posted = (es: Entry[]) => ofType(es, 'PartialDecryptionPosted');
  const publishedOf = (es: Entry[], contest = 'PRES') => ofType(es, 'ResultsPublished').find((e) => e.data.contestId === contest)!;
  /** The proof failure verifyPartialDecryption reports for trustee j's share of `option`. */
  const proofFails = (j: number, option: string) => `trustee ${j}'s proof for option ${option} does not verify for this ballot box and ballot count: its decryption share is not xⱼ·α, or it was made for other totals`;

  it('a forged share, posted and copied into the results alike: V15 and V16 each refuse its proof, and nothing is combined without it', async () => {
    const f = failed(await operator(
      (es) => (posted(es)[0].data.partials[0].share = addG(posted(es)[0].data.partials[0].share)),
      (i) => editJson(i, 'results', (r) => {
        const p = r.contests[0].result.options[0].partialDecryptions[0];
        p.share = addG(p.share);
      }),
    ));
    expect(f.V15).toEqual([`trustee 1, PRES/A: partial-decryption.proof: ${proofFails(1, 'PRES/A')}`]);
    expect(f.V16).toEqual([
      `PRES: partial-decryption.proof (trustee 1): ${proofFails(1, 'PRES/A')}`,
      expect.stringMatching(/^PRES: tally\.not-enough-trustees: .*\(option PRES\/A\)$/),
    ]);
    // The trustee signed the share it posted; the operator cannot sign the forgery for it.
    expect(Object.keys(f).sort()).toEqual(['V15', 'V16', 'V20']);
  });

  it('a partial decryption from a trustee with no verification key (not in QUAL): V15 refuses each of its shares', async () => {
    const f = failed(await operator((es) => {
      const copyOf = JSON.parse(JSON.stringify(posted(es)[1])) as Entry;
      copyOf.data.trusteeIndex = 9;
      for (const p of copyOf.data.partials) p.trustee = 9;
      es.push({ ...copyOf, position: es.length, revision: copyOf.revision + 100 });
    }));
    const options = JSON.parse(good.results!).contests.find((c: Json) => c.contestId === posted(entriesOf(good))[1].data.contestId).result.options as { optionId: string }[];
    expect(f.V15).toEqual(options.map((o) => `trustee 9, ${o.optionId}: partial-decryption.trustee: not a trustee with a verification key: 9`));
  });

  it('results combined for trustees 1 and 3 while the shares are 1\'s and 2\'s: V16 finds no share of 3 in the log', async () => {
    const f = failed(await operator(
      (es) => (publishedOf(es).data.trustees = [1, 3]),
      (i) => editJson(i, 'results', (r) => (r.contests[0].trustees = [1, 3])),
    ));
    const optionIds = (JSON.parse(good.results!).contests[0].result.options as { optionId: string }[]).map((o) => o.optionId);
    expect(f.V16).toEqual(optionIds.map((o) => `${o}: the partial decryptions are not the ones the log holds for trustees 1,3`));
    expect(f.V17).toEqual(['the acta names trustees 1,2, the results combined 1,3,2']);
  });

  it('results combined under another Lagrange set (trustee 2\'s share relabelled as 3\'s): its proof fails, and the count is not combined', async () => {
    const f = failed(copy((i) => editJson(i, 'results', (r) => {
      const p = r.contests[0].result.options[1].partialDecryptions[1];
      p.trustee = 3;
    })));
    expect(f.V16).toEqual([
      `PRES: partial-decryption.proof (trustee 3): ${proofFails(3, 'PRES/B')}`,
      expect.stringMatching(/^PRES: tally\.not-enough-trustees: .*\(option PRES\/B\)$/),
      'PRES/B: the partial decryptions are not the ones the log holds for trustees 1,2',
    ]);
  });

  it('counts the shares do not decrypt to, published, copied into the results and the acta alike: only the decryption check refuses them', async () => {
    const acta = JSON.parse(good.acta!);
    const [a, b] = acta.contests[0].lines as { votes: number; votesInWords: string }[];
    expect(a.votes).toBeGreaterThan(0);
    // One vote moved from A to B: every total still adds up.
    a.votes -= 1;
    b.votes += 1;
    a.votesInWords = spanishNumberWords(a.votes);
    b.votesInWords = spanishNumberWords(b.votes);
    const actaText = canon(acta);
    const f = failed(await operator(
      (es) => {
        const counts = publishedOf(es).data.counts;
        counts[0].count -= 1;
        counts[1].count += 1;
        es[L.at('ActaIssued')].data.jsonSha256 = sha256Hex(actaText.slice(0, -1));
      },
      (i) => {
        editJson(i, 'results', (r) => {
          r.contests[0].result.options[0].count -= 1;
          r.contests[0].result.options[1].count += 1;
        });
        i.acta = actaText;
      },
    ));
    expect(f).toEqual({ V16: [
      'PRES: tally.count: option PRES/A: count·G ≠ β − Σ λⱼ·Dⱼ (the published count is not what the ciphertext decrypts to)',
      'PRES: tally.count: option PRES/B: count·G ≠ β − Σ λⱼ·Dⱼ (the published count is not what the ciphertext decrypts to)',
    ] });
  });

  it('a results file with an option the log never published: every copy check names it, none throws', () => {
    const f = failed(copy((i) => editJson(i, 'results', (r) => {
      const opts = r.contests[0].result.options;
      opts.push({ ...opts[opts.length - 1], optionId: 'PRES/X' });
    })));
    expect(f).toEqual({ V16: [
      'PRES: tally.options: expected the options PRES/A, PRES/B, PRES/C, PRES/D, PRES/A+B, PRES/NOREG, PRES/NULO in that order',
      'PRES: partial-decryption.option (trustee 1): made for option "PRES/NULO", not PRES/X',
      'PRES: partial-decryption.option (trustee 2): made for option "PRES/NULO", not PRES/X',
      expect.stringMatching(/^PRES: tally\.not-enough-trustees: .*\(option PRES\/X\)$/),
      'PRES: 8 options, the log published 7',
      'PRES/X: results.json says 1, the log published undefined',
      'PRES/X: the partial decryptions are not the ones the log holds for trustees 1,2',
    ] });
  });

  it('no CeremonyCompleted: V15 and V16 have no election context (and say so, not a TypeError)', async () => {
    const f = failed(await operator((es) => (es[L.at('CeremonyCompleted')].type = 'CeremonyCompletedX')));
    expect([f.V15, f.V16]).toEqual([['error: no election context'], ['error: no election context']]);
  });

  it('a verification key that is not hex: V15 and V16 refuse the keys before any share', async () => {
    const f = failed(await operator((es) => (es[L.at('CeremonyCompleted')].data.verificationKeys['2'] = 'zz')));
    const bad = ['error: expected lowercase hexadecimal with an even number of digits'];
    expect([f.V15, f.V16]).toEqual([bad, bad]);
  });

  it('a PartialDecryptionPosted with no partials: V15 and V16 name every option, nothing throws', async () => {
    const f = failed(await operator((es) => delete posted(es)[0].data.partials));
    const optionIds = (JSON.parse(good.results!).contests[0].result.options as { optionId: string }[]).map((o) => o.optionId);
    expect(f.V15).toEqual(['trustee 1, PRES: undefined partial decryptions for 7 options', ...optionIds.flatMap((o) => [
      `trustee 1, ${o}: made by trustee undefined`, `trustee 1, ${o}: partial-decryption.shape: expected an object`,
    ])]);
    expect(f.V16).toEqual(optionIds.map((o) => `${o}: the partial decryptions are not the ones the log holds for trustees 1,2`));
  });

  it('a contest of the results with no encrypted total in the log: V16 judges it against no totals, nothing throws', async () => {
    const f = failed(await operator((es) => (es.find((e) => e.type === 'EncryptedTallyComputed' && e.data.contestId === 'GOB-31')!.type = 'EncryptedTallyComputedX')));
    expect(f.V15).toEqual(['trustee 1: contest GOB-31 has no recorded total', 'trustee 2: contest GOB-31 has no recorded total']);
    expect(f.V16).toEqual(['GOB-31: says 2 ballots, EncryptedTallyComputed undefined', 'GOB-31: tally.options: expected the options  in that order']);
  });

  it('results published on another stream than the election\'s tally are not published', async () => {
    const f = failed(await operator((es) => (publishedOf(es).stream = `tally-${id}-x`)));
    expect(f.V16).toEqual([
      'tally/results.json has contests PRES,SEN-09,SEN-14,SEN-31,GOB-14,GOB-31, the log published SEN-09,SEN-14,SEN-31,GOB-14,GOB-31',
      'PRES: not published in the log',
    ]);
  });

  it('ballot styles the verifier refuses (a contest twice), the manifest re-hashed by the operator: with no recomputed totals, V16 still judges the results, against the log\'s ballot counts', async () => {
    const twice = (es: Entry[]) => {
      const styles = es[L.at('ElectionConfigured')].data.manifestHeader.ballotStyles;
      styles[0].contests.push(styles[0].contests[0]);
    };
    const hash = /^error: reassembled manifest hashes to ([0-9a-f]{64})/.exec(failed(await operator(twice)).V8[0])![1];
    const f = failed(await operator((es) => {
      twice(es);
      es[L.at('ElectionConfigured')].data.manifestHash = hash;
      es[L.at('ElectionOpened')].data.manifestHash = hash;
    }));
    expect(f.V8).toEqual(['manifest.json is not the manifest recorded in the log (its canonical bytes differ)', 'error: invalid ballot style: contest PRES appears twice']);
    expect(f.V14).toEqual(['error: no ballot styles']);
    // The proofs bind the old manifest's hash; nothing else is wrong with the results, and nothing throws.
    expect(f.V16[0]).toBe('PRES: tally.base-hash: made for another election or key');
    expect(f.V16.filter((p) => !/^[\w-]+: (tally\.base-hash|partial-decryption\.proof|tally\.not-enough-trustees)[ :]/.test(p))).toEqual([]);
  });

  it('no BallotBoxExported: V15 names the box each share was posted for against none, nothing throws', async () => {
    const f = failed(await operator((es) => (es[L.exported].type = 'BallotBoxExportedX')));
    const hash = posted(entriesOf(good))[0].data.ballotBoxHash;
    expect(f.V15).toContain(`trustee 1, PRES: posted for ballot box ${hash}, closing recorded undefined`);
    expect(f.V15.filter((p) => p.startsWith('error: '))).toEqual([]);
  });

  it('an option the log never published and with no count: compared by its id too, nothing throws', () => {
    const f = failed(copy((i) => editJson(i, 'results', (r) => {
      const opts = r.contests[0].result.options;
      const extra = { ...opts[opts.length - 1], optionId: 'PRES/X' };
      delete extra.count;
      opts.push(extra);
    })));
    expect(f.V16).toContain('PRES/X: results.json says undefined, the log published undefined');
    expect(f.V16.filter((p) => p.startsWith('error: '))).toEqual([]);
  });

  it('a result made for another ballot box: the result\'s own check names it, with no trustee', () => {
    const f = failed(copy((i) => editJson(i, 'results', (r) => (r.contests[0].result.ballotBoxHash = flipHex(r.contests[0].result.ballotBoxHash)))));
    expect(f).toEqual({ V16: ['PRES: tally.ballot-box-hash: made for another ballot box than the one recorded at closing'] });
  });
});

section('V9 ceremony.transcript: keys and a QUAL the transcript does not give', () => {
  it('CeremonyCompleted with a verification key for a trustee the transcript gives none, or another qualified list', async () => {
    const at = L.at('CeremonyCompleted');
    const extra = failed(await operator((es) => (es[at].data.verificationKeys['4'] = es[at].data.verificationKeys['1'])));
    expect(extra.V9).toEqual(['CeremonyCompleted holds verification keys for 4, which the transcript gives no key']);
    const qualified = failed(await operator((es) => (es[at].data.qualified = [1, 2])));
    expect(qualified.V9).toEqual(['CeremonyCompleted says qualified 1,2, the transcript 1,2,3']);
    const none = failed(await operator((es) => delete es[at].data.qualified));
    expect(none.V9).toEqual(['CeremonyCompleted says qualified undefined, the transcript 1,2,3']);
  });
});

// ---- what the second verifier-rest mutation run left (mutation/README.md) ------------------------

/** Puts `forged` in place of the log's last BallotCast (same position): the log keeps its size, so
 * every checkpoint still covers it. The checks of ballots then fail too; each case pins only its own. */
function inPlaceOfBallot(es: Entry[], forged: Entry, fromEnd = 1): void {
  const k = ofType(es, 'BallotCast').slice(-fromEnd)[0].position as number;
  es[k] = { ...forged, position: k };
}

section('V8 manifest.hash: another process, the opening report, no ceremony (second verifier-rest run)', () => {
  /** The configuration rewritten by the operator, its hash recomputed so that it reassembles, and ElectionOpened and manifest.json following it. */
  async function reconfigured(edit: (header: Json) => void): Promise<Input> {
    let manifestText = '';
    const i = await operator((es) => {
      const configured = es[L.at('ElectionConfigured')].data;
      edit(configured.manifestHeader);
      const contests = Object.fromEntries(ofType(es, 'ContestOptionsRecorded').map((e) => [e.data.contest.id, e.data.contest]));
      const manifest = { ...configured.manifestHeader, contests: configured.contestIndex.map((c: { id: string }) => contests[c.id]) };
      configured.manifestHash = manifestHashHex(manifest);
      es[L.at('ElectionOpened')].data.manifestHash = configured.manifestHash;
      manifestText = canon(manifest);
    });
    i.manifest = manifestText;
    return i;
  }
  it('a configuration that reassembles to its hash but is another process\'s, or names none', async () => {
    expect(failed(await reconfigured((h) => (h.process.id = 'otra-2027'))).V8).toEqual([`the manifest is for otra-2027, the record for ${id}`]);
    expect(failed(await reconfigured((h) => delete h.process)).V8).toEqual([`the manifest is for undefined, the record for ${id}`]);
  });
  it('the opening report ElectionOpened recorded passes; one for another election, or with no ElectionOpened, is named', async () => {
    const manifestHash = entriesOf(good)[L.at('ElectionOpened')].data.manifestHash;
    const withReport = (report: Json, recorded = true) => operator((es) => {
      const opened = es[L.at('ElectionOpened')];
      if (recorded) opened.data.openingReportHash = sha256Hex(canonicalJson(report));
      else opened.type = 'ElectionOpenedX';
    }, (i) => (i.openingReport = canon(report)));
    const report = { configurationHash: manifestHash, electionId: id, log: { origin: rec.logOrigin, verifierKey: rec.vkey } };
    expect(failed(await withReport(report)).V8).toBeUndefined();
    expect(failed(await withReport({ ...report, electionId: 'otra-2027' })).V8).toEqual(['the opening report names another election or manifest']);
    expect(failed(await withReport(report, false)).V8).toEqual([
      'the log has no ElectionOpened event', 'opening/opening-report.json is not the opening report ElectionOpened recorded (openingReportHash)',
    ]);
  });
  it('only the ContestOptionsRecorded of the configuration stream and version, with a contest, make the manifest', async () => {
    // Each decoy follows the real contest in the log and would replace it: the manifest would no longer reassemble to its hash.
    const decoy = (edit: (e: Entry) => void) => operator((es) => {
      const e = JSON.parse(JSON.stringify(es[L.at('ContestOptionsRecorded')])) as Entry;
      e.data.contest.label = 'Otra contienda';
      edit(e);
      inPlaceOfBallot(es, e);
    });
    expect(failed(await decoy((e) => (e.stream = 'configuration-otra-2027'))).V8).toBeUndefined();
    expect(failed(await decoy((e) => (e.data.configurationVersion = 2))).V8).toBeUndefined();
    expect(failed(await decoy((e) => (e.type = 'ContestOptionsRecordedX'))).V8).toBeUndefined();
    expect(failed(await decoy((e) => delete e.data.contest)).V8).toBeUndefined();
    // The control: the same decoy where it counts is refused.
    expect(failed(await decoy(() => undefined)).V8).toEqual([re(/^error: reassembled manifest hashes to [0-9a-f]{64}, but [0-9a-f]{64} was recorded$/)]);
  });
  it('no CeremonyCompleted: V8 still passes (the election context is left out, not built from nothing)', async () => {
    const f = failed(await operator((es) => (es[L.at('CeremonyCompleted')].type = 'CeremonyCompletedX')));
    expect(f.V8).toBeUndefined();
  });
});

section('V9 ceremony.transcript: order, other streams, complaints (second verifier-rest run)', () => {
  const swap = (es: Entry[], type: string) => {
    const [a, b] = ofType(es, type).map((e) => e.position as number);
    [es[a], es[b]] = [{ ...es[b], position: a }, { ...es[a], position: b }];
  };
  it('round-1 and round-2 messages in another log order: the transcript sorts them, V9 passes', async () => {
    expect(failed(await operator((es) => swap(es, 'CeremonyRound1Published'))).V9).toBeUndefined();
    expect(failed(await operator((es) => swap(es, 'CeremonySharesDealt'))).V9).toBeUndefined();
  });
  it('a round-1 message on another stream is not part of the ceremony', async () => {
    const f = failed(await operator((es) => inPlaceOfBallot(es, { ...es[L.at('CeremonyRound1Published')], stream: 'ceremony-otra-2027' })));
    expect(f.V9).toBeUndefined();
  });
  it('complaints in the log are in the transcript, sorted by complainant then dealer', async () => {
    const complaint = (complainant: number, dealer: number) => ({
      type: 'urna.dkg.complaint', version: 1, ceremonyId: `${id}-ceremony`, complainant, dealer,
      sharedSecret: '00'.repeat(32), proof: { challenge: '00'.repeat(32), response: '00'.repeat(32) },
    });
    // In log order: (2, 1), (1, 3), (1, 2); the transcript holds them as (1, 2), (1, 3), (2, 1).
    const filed = [complaint(2, 1), complaint(1, 3), complaint(1, 2)];
    const f = failed(await operator((es) => filed.forEach((c, k) => inPlaceOfBallot(es, {
      ...es[L.at('CeremonyOpened')], type: 'CeremonyComplaintFiled', data: { electionId: id, complaint: c },
    }, filed.length - k))));
    const transcript = JSON.parse(good.transcript!).transcript;
    const sorted = [filed[2], filed[1], filed[0]];
    const hash = sha256Hex(canonicalJson({ ...transcript, complaints: sorted }));
    // Not judgeable (their proofs are zeros), they change no key; they are still part of what was hashed.
    expect(f.V9).toEqual([
      `the transcript hashes to ${hash}, CeremonyCompleted says ${JSON.parse(good.transcript!).transcriptHash}`,
      'the election was opened with another transcript hash', 'ceremony/transcript.json differs from the transcript in the log',
    ]);
  });
  it('a transcript that does not produce a key: every failure named, and no word on keys or QUAL', async () => {
    const [r1, r2] = [L.at('CeremonyRound1Published', 0), L.at('CeremonyRound1Published', 1)];
    const f = failed(await operator((es) => (es[r2].data.message.commitments[0] = es[r1].data.message.commitments[0])));
    expect(f.V9).toEqual([
      'the transcript does not produce a key: the proof of knowledge of coefficient 0 does not verify against commitments[0]; trustee 2 is not a recipient; '
        + 'a round-2 message from a trustee with no valid round-1 message; trustee 2 is not a recipient; 0 qualified dealers; at least t = 2 are needed: run a new ceremony',
      'the public key recomputed from the transcript differs from CeremonyCompleted',
      re(/^the transcript hashes to [0-9a-f]{64}, CeremonyCompleted says [0-9a-f]{64}$/),
      'the election was opened with another transcript hash', 'ceremony/transcript.json differs from the transcript in the log',
    ]);
  });
  it('two verification keys the transcript does not give are both named', async () => {
    const at = L.at('CeremonyCompleted');
    const extra = failed(await operator((es) => {
      es[at].data.verificationKeys['4'] = es[at].data.verificationKeys['1'];
      es[at].data.verificationKeys['5'] = es[at].data.verificationKeys['2'];
    }));
    expect(extra.V9).toEqual(['CeremonyCompleted holds verification keys for 4, 5, which the transcript gives no key']);
  });
});

section('V10 roll.commitment: amendments, removals, order, version (second verifier-rest run)', () => {
  const rollOf = (es: Entry[]) => ofType(es, 'RollEntriesPublished')[0].data.added as { pseudonym: string; entity: string }[];
  it('no roll import: the commitment is compared with nothing, and said so', async () => {
    const f = failed(await operator((es) => (es[L.at('RollImported')].type = 'RollImportedX')));
    expect(f.V10).toEqual([expect.stringMatching(/^the roll entries in the log commit to [0-9a-f]{64}, the roll events say $/), 'roll.json states another commitment']);
  });
  it('the commitment given by a RollAmended counts as a RollImported\'s; entries added only by RollEntriesPublished', async () => {
    expect(failed(await operator((es) => (es[L.at('RollImported')].type = 'RollAmended'))).V10).toBeUndefined();
    expect(failed(await operator((es) => (es[L.at('RollImported')].data.added = [{ pseudonym: 'zzzzzzzzzzzzzzzzzzzzzzzzzz', entity: '09' }]))).V10).toBeUndefined();
  });
  it('a later RollEntriesPublished that removes a pseudonym: the roll is the log\'s without it', async () => {
    const i = await operator((es) => {
      const roll = rollOf(es);
      const gone = roll[0].pseudonym;
      const rest = roll.slice(1);
      inPlaceOfBallot(es, { ...es[L.at('RollEntriesPublished')], data: { removed: [gone] } });
      es[L.at('RollImported')].data.rollCommitment = rollCommitment(rest);
    });
    const es = entriesOf(i);
    const rest = rollOf(es).slice(1).sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1));
    editJson(i, 'roll', (r) => {
      r.entries = rest;
      r.rollCommitment = es[L.at('RollImported')].data.rollCommitment;
    });
    expect(failed(i).V10).toBeUndefined();
  });
  it('roll entries published in another order: roll.json is still sorted by pseudonym', async () => {
    expect(failed(await operator((es) => rollOf(es).reverse())).V10).toBeUndefined();
  });
  it('a roll import with no version: roll.json\'s version is not compared', async () => {
    expect(failed(await operator((es) => delete es[L.at('RollImported')].data.rollVersion)).V10).toBeUndefined();
  });
});

section('V19 ballots.credentials and V20 trustees.signatures: what the record verifier hands them (second verifier-rest run)', () => {
  it('the credential authority\'s key, and where it came from', () => {
    const v = verifyRecord(good);
    const enrolled = entriesOf(good).find((e) => e.type === 'CredentialAuthorityEnrolled')!;
    expect([v.authorityKeySource, v.authorityKey]).toEqual(['record', enrolled.data.authorityKey]);
  });
  it('the roll commitment is the roll stream\'s newest RollImported or RollAmended', async () => {
    const other = await operator((es) => inPlaceOfBallot(es, { ...es[L.at('RollImported')], stream: 'roll-otra-2027', data: { ...es[L.at('RollImported')].data, rollCommitment: '00'.repeat(32) } }));
    expect(failed(other).V19).toBeUndefined();
    expect(failed(await operator((es) => (es[L.at('RollImported')].type = 'RollAmended'))).V19).toBeUndefined();
    // No roll import at all: the list's roll commitment is compared with nothing (and said so, not a TypeError).
    expect(failed(await operator((es) => (es[L.at('RollImported')].type = 'RollImportedX'))).V19).toEqual(['the list was signed for another roll commitment than the roll\'s']);
  });
  it('an opening report is handed to both: its credentials and trustees are compared', () => {
    const f = failed(copy((i) => (i.openingReport = canon({ electionId: id, credentials: { count: 99 }, trustees: [] }))));
    expect([f.V19, f.V20]).toEqual([
      [`the opening report prints the credential authority key undefined, not ${entriesOf(good).find((e) => e.type === 'CredentialAuthorityEnrolled')!.data.authorityKey}`,
        'the opening report fingerprints another credential list than the one in the log'],
      ['the opening report lists trustees , the log enrolled 1,2,3'],
    ]);
  });
});
