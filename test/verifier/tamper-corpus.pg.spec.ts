/**
 * The tamper corpus (issue 11 §2): one small election record, built once on a real ledger and
 * log, tallied with SoftHSM tokens, with its acta; then, class by class, one mutation each, and
 * the numbered check (docs/spec/record.md §6) that must refuse it, for the reason it must give.
 *
 * Two kinds of attacker are played. Someone without the log key edits files: the signed
 * checkpoints give them away. The log's operator, who holds the key, rewrites the log itself
 * and signs every checkpoint again (`resign`): then the log checks pass, and the check that
 * reads the fact they changed (and V7, whose quoted checkpoints no longer match the tree) must
 * still refuse.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildActa } from '../../src/preservation/acta-and-preservation';
import { canonicalDocumentJson, sha256Hex } from '../../src/documents/canonical-json';
import { RecordActaCommand } from '../../src/tally/tally.commands';
import { exportRecord } from '../../src/record/export-record';
import { RecordFiles } from '../../src/record/record-format';
import { openRecordFolder, readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecord, type RecordVerification } from '../../src/verifier/verify-record';
import { VERIFICATION_CHECKS } from '../../src/verifier/check-report';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { formatCheckpointText, checkpointSequence, parseCheckpointText } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseSignedNote, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { NoteSigner } from '../../src/ledger/checkpoint/note-signer';
import { CompactRange } from '../../src/ledger/merkle/compact-range';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { group } from '../../src/domain/crypto/active-group';
import { fromHex, toHex, u32, utf8 } from '../../src/domain/crypto/hash';
import { proveDleq } from '../../src/domain/crypto/proofs/dleq';
import { decryptionScope, partialDecrypt, type PartialDecryption } from '../../src/domain/crypto/tally';
import { tallyOptionId } from '../../src/domain/tally/events';
import { decodeScalar, encodeScalar, mod, randomScalar } from '../../src/domain/crypto/scalar';
import { sealBallot } from '../../src/domain/crypto/ballot/tracking-code';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { ballotCiphertexts } from '../../src/domain/crypto/ballot/benaloh';
import { encryptionTables } from '../../src/domain/crypto/elgamal';
import { manifestBallotStyles } from '../../src/domain/tally/manifest-styles';
import { type ClosedElection } from '../support/closed-election';
import { talliedElection, type TalliedElection } from '../support/tallied-election';
import { randomSigningKey } from '../support/credential-authority';
import type { SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { credentialListFingerprint, credentialListHash, signCredentialList, signCredentialReplacement } from '../../src/domain/crypto/credential/credential-list';
import { type TestTransparencyLog } from '../support/transparency-log';
import { tokenTrusteeKey } from '../support/trustee-keys';

jest.setTimeout(240_000);

type Files = Map<string, string>;
type Entry = { position: number; type: string; stream?: string; revision?: number; actor?: string; visibility: string; data: Record<string, unknown> };

describe('tamper corpus: each class of artefact, mutated once, is refused by its numbered check', () => {
  let fixture: TalliedElection;
  let tlog: TestTransparencyLog;
  let election: ClosedElection;
  const work = mkdtempSync(join(tmpdir(), 'urna-tamper-'));
  const good = join(work, 'good');
  let vkey: string;

  beforeAll(async () => {
    // Three voters audit a ballot (Benaloh) before casting: the record carries BallotSpoiled (V18).
    // One voter abstains: the server side forges ballots in their name below (issue 13).
    fixture = await talliedElection('tamper', { voters: 7, abstaining: 1, spoiled: 3, quoteClosingCheckpoint: true });
    ({ tlog, election } = fixture);
    const { commands } = fixture;
    vkey = formatVerifierKey(tlog.signer.name, tlog.signer.publicKey);
    // The acta prints the log's origin and key (what the service's acta builder is given).
    const acta = { ...(await buildActa(fixture.store, election.electionId, tlog.checkpoints, new Date().toISOString())), log: { origin: tlog.signer.name, verifierKey: vkey } };
    const actaJson = canonicalDocumentJson(acta);
    await commands.execute(new RecordActaCommand(election.electionId, { type: 'RecordActa', electionId: election.electionId, jsonSha256: sha256Hex(actaJson), now: new Date().toISOString() }, { actor: 'system:tally' }));
    await tlog.sync();
    await exportRecord({
      store: fixture.store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId,
      outDir: good, actaJson: `${actaJson}\n`, tar: false,
    });
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  // ---- reading and writing a record copy ----------------------------------------------------

  const FILES = Object.values(RecordFiles);
  function readFiles(dir: string): Files {
    const files: Files = new Map();
    for (const name of FILES) if (existsSync(join(dir, name))) files.set(name, readFileSync(join(dir, name), 'utf8'));
    return files;
  }
  let counter = 0;
  /** A copy of the good record with `mutate` applied to its files (delete a key to remove a file). */
  function variant(mutate: (files: Files) => void, extra?: (dir: string) => void): string {
    const dir = join(work, `v${++counter}`);
    cpSync(good, dir, { recursive: true });
    const before = readFiles(dir);
    const files = new Map(before);
    mutate(files);
    for (const name of FILES) {
      const path = join(dir, name);
      if (!files.has(name)) {
        if (existsSync(path)) unlinkSync(path);
      } else if (files.get(name) !== before.get(name)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, files.get(name)!);
      }
    }
    extra?.(dir);
    return dir;
  }
  /** Verifies the folder as strings and, read from disk a chunk at a time (what `urna verify` does), expects the very same report. */
  const verify = (dir: string, options: { vkey?: string; credentialAuthority?: string } = {}) => {
    const inMemory = verifyRecord(readRecordFolder(dir), options);
    expect(verifyRecord(openRecordFolder(dir), options).results).toEqual(inMemory.results);
    return inMemory;
  };
  const failedNumbers = (v: RecordVerification) => v.results.filter((r) => r.status === 'fail').map((r) => r.number);
  /** The check numbered `n` failed, and one of its problems says `reason`. */
  function expectRefused(v: RecordVerification, n: string, reason: RegExp): void {
    const r = v.results.find((x) => x.number === n)!;
    expect([n, r.status]).toEqual([n, 'fail']);
    expect(r.problems.some((p) => reason.test(p)) ? 'reason found' : r.problems).toBe('reason found');
  }

  const lines = (text: string) => text.split('\n').filter((l) => l !== '');
  const entriesOf = (files: Files): Entry[] => lines(files.get(RecordFiles.logEntries)!).map((l) => JSON.parse(l) as Entry);
  const setEntries = (files: Files, entries: Entry[]) => files.set(RecordFiles.logEntries, entries.map((e) => `${canonicalJson(e)}\n`).join(''));
  const editJson = (files: Files, name: string, edit: (v: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const v = JSON.parse(files.get(name)!);
    edit(v);
    files.set(name, `${canonicalJson(v)}\n`);
  };
  const flipHex = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);

  /**
   * The log's operator (or whoever holds `signer`): re-signs every checkpoint of the history
   * over the entries as they now are, same sizes and sequence numbers. With a foreign signer,
   * the record's copy of the key is swapped too.
   */
  function resign(files: Files, signer: NoteSigner & { publicKey: Uint8Array } = tlog.signer): Promise<void> {
    const leaves = lines(files.get(RecordFiles.logEntries)!);
    const roots = new Map<number, Uint8Array>();
    const range = new CompactRange(0, []);
    roots.set(0, range.root());
    leaves.forEach((l, i) => {
      range.append(hashLeaf(new TextEncoder().encode(l)));
      roots.set(i + 1, range.root());
    });
    const rows = lines(files.get(RecordFiles.logCheckpoints)!).map((l) => JSON.parse(l) as { size: number; note: string });
    return Promise.all(rows.map(async (row) => {
      const seq = checkpointSequence(parseCheckpointText(parseSignedNote(row.note).text))!;
      return { size: row.size, note: await signNote(formatCheckpointText(signer.name, row.size, roots.get(row.size)!, [`urna-sequence ${seq}`]), signer) };
    })).then((signed) => {
      files.set(RecordFiles.logCheckpoints, signed.map((r) => `${canonicalJson(r)}\n`).join(''));
      const key = formatVerifierKey(signer.name, signer.publicKey);
      files.set(RecordFiles.logKey, `${key}\n`);
      editJson(files, RecordFiles.index, (ix) => {
        ix.logVerifierKey = key;
        ix.logOrigin = signer.name;
      });
    });
  }
  /** A variant the operator made: `mutate` then re-sign with the real key. */
  async function operatorVariant(mutate: (files: Files) => void, signer?: NoteSigner & { publicKey: Uint8Array }): Promise<string> {
    const files = readFiles(good);
    mutate(files);
    await resign(files, signer);
    return variant((f) => {
      for (const name of FILES) {
        if (files.has(name)) f.set(name, files.get(name)!);
        else f.delete(name);
      }
    });
  }
  const castEntries = (files: Files) => entriesOf(files).filter((e) => e.type === 'BallotCast');

  // ---- the good record ----------------------------------------------------------------------

  it('the good record passes every numbered check, V1 to V19, and says whose keys it trusted', () => {
    const v = verify(good);
    expect(v.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(v.results.map((r) => r.number)).toEqual(VERIFICATION_CHECKS.map((c) => c.number));
    expect(v.results.find((r) => r.number === 'V17')!.status).toBe('pass');
    // Its three spoiled ballots open from their disclosures and none was cast.
    expect(v.results.find((r) => r.number === 'V18')).toMatchObject({ id: 'ballots.spoiled', status: 'pass', summary: '3 spoiled ballots, checked against 6 cast ballots' });
    expect(v.keySource).toBe('record');
    expect(verify(good, { vkey }).keySource).toBe('given');
    // Every ballot by a listed credential of the authority's signed list (V19); its key was the enrolled one unless given.
    expect(v.results.find((r) => r.number === 'V19')).toMatchObject({ id: 'ballots.credentials', status: 'pass', summary: expect.stringMatching(/^7 credentials \(([0-9a-f]{4}-){7}[0-9a-f]{4}\), 0 replaced, 6 ballots by as many listed credentials$/) });
    expect(v).toMatchObject({ authorityKeySource: 'record', authorityKey: election.authority.publicKey });
    expect(verify(good, { credentialAuthority: election.authority.publicKey })).toMatchObject({ ok: true, authorityKeySource: 'given' });
    // The history starts at the empty tree and is numbered 0, 1, 2, … (log.md §4.1).
    const history = lines(readFileSync(join(good, RecordFiles.logCheckpoints), 'utf8')).map((l) => JSON.parse(l) as { size: number; note: string });
    expect(history[0].size).toBe(0);
    expect(history.map((h) => checkpointSequence(parseCheckpointText(parseSignedNote(h.note).text)))).toEqual(history.map((_, i) => i));
  });

  // ---- record index -------------------------------------------------------------------------

  it('record index: a file the index does not list, and a listed file that is missing (V1)', () => {
    expectRefused(verify(variant(() => undefined, (dir) => writeFileSync(join(dir, 'notes.txt'), 'x'))), 'V1', /notes\.txt is in the record but record\.json does not list it/);
    expectRefused(verify(variant((f) => f.delete(RecordFiles.roll))), 'V1', /record\.json lists roll\.json, but the record does not hold it/);
    expectRefused(verify(variant((f) => editJson(f, RecordFiles.index, (ix) => (ix.logSize += 1)))), 'V6', /record\.json says \d+ entries/);
  });

  // ---- log entry bytes and sealed commitments -----------------------------------------------

  it('log entry bytes: one byte of an entry changed (V6), an entry no longer canonical (V5)', () => {
    const changed = verify(variant((f) => f.set(RecordFiles.logEntries, f.get(RecordFiles.logEntries)!.replace(/"recordedAt":"(\d)/, (_, d) => `"recordedAt":"${d === '1' ? '2' : '1'}`))));
    expectRefused(changed, 'V6', /differs from the signed checkpoint/);
    const spaced = verify(variant((f) => f.set(RecordFiles.logEntries, f.get(RecordFiles.logEntries)!.replace('{"', '{ "'))));
    expectRefused(spaced, 'V5', /entry 0: not canonical/);
  });

  it('sealed commitments: a commitment changed (V6); a sealed entry that shows its stream (V5)', async () => {
    const sealedAt = (f: Files) => entriesOf(f).findIndex((e) => e.visibility === 'sealed');
    expect(sealedAt(readFiles(good))).toBeGreaterThanOrEqual(0);
    const changed = verify(variant((f) => {
      const entries = entriesOf(f);
      const e = entries[sealedAt(f)];
      e.data.commitment = flipHex(String(e.data.commitment));
      setEntries(f, entries);
    }));
    expectRefused(changed, 'V6', /differs from the signed checkpoint/);
    const shown = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      entries[sealedAt(f)].stream = `ceremony-${election.electionId}`;
      setEntries(f, entries);
    }));
    expectRefused(shown, 'V5', /a sealed entry must not show its stream/);
    expectRefused(shown, 'V7', /another root/);
  });

  // ---- checkpoints --------------------------------------------------------------------------

  const checkpointRows = (f: Files) => lines(f.get(RecordFiles.logCheckpoints)!);
  const setCheckpointRows = (f: Files, rows: string[]) => f.set(RecordFiles.logCheckpoints, rows.map((r) => `${r}\n`).join(''));

  it('checkpoints: root changed under the signature, signature changed, size changed (V3)', () => {
    const editLast = (edit: (row: { size: number; note: string }) => void) => variant((f) => {
      const rows = checkpointRows(f);
      const last = JSON.parse(rows[rows.length - 1]);
      edit(last);
      rows[rows.length - 1] = canonicalJson(last);
      setCheckpointRows(f, rows);
    });
    const root = verify(editLast((row) => {
      const parts = row.note.split('\n');
      parts[2] = Buffer.alloc(32, 7).toString('base64');
      row.note = parts.join('\n');
    }));
    expectRefused(root, 'V3', /not signed|signature/i);
    const signature = verify(editLast((row) => {
      const at = row.note.lastIndexOf(' ') + 10;
      row.note = row.note.slice(0, at) + (row.note[at] === 'A' ? 'B' : 'A') + row.note.slice(at + 1);
    }));
    expectRefused(signature, 'V3', /not signed|signature/i);
    const size = verify(editLast((row) => (row.size -= 1)));
    expectRefused(size, 'V3', /the note is for size \d+, the line says \d+/);
  });

  it('checkpoints: one dropped from the middle, two swapped (V4)', () => {
    const rows = checkpointRows(readFiles(good));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const dropped = verify(variant((f) => setCheckpointRows(f, checkpointRows(f).filter((_, i) => i !== 2))));
    expectRefused(dropped, 'V4', /checkpoint number 3 where number 2 belongs/);
    // Signatures and roots still hold; V7 also fails when the dropped one is a quoted checkpoint.
    expect(failedNumbers(dropped).filter((n) => n !== 'V7')).toEqual(['V4']);
    const swapped = verify(variant((f) => {
      const r = checkpointRows(f);
      [r[1], r[2]] = [r[2], r[1]];
      setCheckpointRows(f, r);
    }));
    expectRefused(swapped, 'V4', /checkpoint number 2 where number 1 belongs/);
    expectRefused(swapped, 'V4', /sizes must ascend/);
    const noEmpty = verify(variant((f) => setCheckpointRows(f, checkpointRows(f).slice(1))));
    expectRefused(noEmpty, 'V4', /not the empty tree/);
  });

  it('checkpoints: the whole log re-signed with a foreign key and the key files swapped, the quoted checkpoints still the real ones (V7); with --vkey (V2, V3)', async () => {
    const foreign = SoftwareNoteSigner.generate(tlog.signer.name);
    const dir = await operatorVariant(() => undefined, foreign);
    const alone = verify(dir);
    expectRefused(alone, 'V7', /BallotBoxExported .*does not verify with the log key/);
    expectRefused(alone, 'V7', /the acta: its checkpoint does not verify with the log key/);
    expectRefused(alone, 'V2', /the acta prints the log key .*, not the one the log was checked with/);
    expect(failedNumbers(alone)).toEqual(['V2', 'V7']);
    const pinned = verify(dir, { vkey });
    expectRefused(pinned, 'V2', /another log key than the one given with --vkey/);
    expectRefused(pinned, 'V3', /not signed|no signature/i);
  });

  // ---- ballot box ---------------------------------------------------------------------------

  const boxLines = (f: Files) => lines(f.get(RecordFiles.ballotBox)!);
  const setBox = (f: Files, l: string[]) => f.set(RecordFiles.ballotBox, l.map((x) => `${x}\n`).join(''));

  it('ballot box file: a line duplicated, dropped, reordered, trailing garbage (V11)', () => {
    const dup = verify(variant((f) => setBox(f, [...boxLines(f), boxLines(f)[0]])));
    expectRefused(dup, 'V11', /not the log's ballot box/);
    const drop = verify(variant((f) => setBox(f, boxLines(f).slice(1))));
    expectRefused(drop, 'V11', /not the log's ballot box: line 1 differs/);
    const reorder = verify(variant((f) => {
      const l = boxLines(f);
      [l[0], l[1]] = [l[1], l[0]];
      setBox(f, l);
    }));
    expectRefused(reorder, 'V11', /line 1 differs/);
    const garbage = verify(variant((f) => f.set(RecordFiles.ballotBox, `${f.get(RecordFiles.ballotBox)!}x`)));
    expectRefused(garbage, 'V11', /bytes after the log's \d+ ballots/);
    for (const v of [dup, drop, reorder, garbage]) expect(failedNumbers(v)).not.toContain('V6');
  });

  /** Edits ballot `k` of the log (then re-seals its tracking code); the operator re-signs. */
  const editLoggedBallot = (k: number, edit: (ballot: any) => void) => operatorVariant((f) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const entries = entriesOf(f);
    const cast = entries.filter((e) => e.type === 'BallotCast')[k];
    const ballot = cast.data.ballot as Record<string, unknown>;
    edit(ballot);
    const { trackingCode: _old, ...unsealed } = ballot;
    const sealed = sealBallot(unsealed as never);
    cast.data.ballot = sealed;
    cast.data.trackingCode = sealed.trackingCode;
    setEntries(f, entries);
  });

  it('ballot box in the log: a point that is not one, a scalar out of range (V12)', async () => {
    const point = verify(await editLoggedBallot(0, (b) => (b.contests[0].options[0].alpha = 'ff'.repeat(32))));
    expectRefused(point, 'V12', /^ballot [0-9a-f]+: .*/);
    expectRefused(point, 'V7', /another root/);
    const scalar = verify(await editLoggedBallot(1, (b) => (b.contests[0].options[0].proof.v0 = 'ff'.repeat(32))));
    expectRefused(scalar, 'V12', /^ballot [0-9a-f]+: .*/);
  });

  it('a forged 0/1 proof with both branches simulated (c0 + c1 ≠ H) is refused (V12)', async () => {
    const K = group.decode(fromHex(toHex(group.encode(election.context.publicKey)), 32));
    const forged = verify(await editLoggedBallot(2, (b) => {
      const o = b.contests[0].options[0];
      const alpha = group.decode(fromHex(o.alpha, 32));
      const beta = group.decode(fromHex(o.beta, 32));
      const [c0, c1, v0, v1] = [randomScalar(), randomScalar(), randomScalar(), randomScalar()];
      const G = group.generator;
      // Both branches simulated: every verification equation holds, only c0 + c1 = H fails.
      const a0 = group.sub(group.mul(G, v0), group.mul(alpha, c0));
      const b0 = group.sub(group.mul(K, v0), group.mul(beta, c0));
      const a1 = group.sub(group.mul(G, v1), group.mul(alpha, c1));
      const b1 = group.sub(group.mul(K, v1), group.mul(group.sub(beta, G), c1));
      const enc = (p: ReturnType<typeof group.decode>) => toHex(group.encode(p));
      const sc = (k: bigint) => toHex(encodeScalar(mod(k)));
      o.proof = { a0: enc(a0), b0: enc(b0), a1: enc(a1), b1: enc(b1), c0: sc(c0), c1: sc(c1), v0: sc(v0), v1: sc(v1) };
    }));
    expectRefused(forged, 'V12', /c0 \+ c1 are not the Fiat-Shamir challenge/);
  });

  it('one ballot per pseudonym: a second ballot on a voter\'s pseudonym (V13)', async () => {
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const [first, second] = entries.filter((e) => e.type === 'BallotCast');
      const pseudonym = String(first.data.pseudonym);
      second.stream = first.stream;
      second.data.pseudonym = pseudonym;
      if ('pseudonym' in (second.data.ballot as object)) (second.data.ballot as Record<string, unknown>).pseudonym = pseudonym;
      setEntries(f, entries);
    });
    expectRefused(verify(dir), 'V13', /pseudonym [0-9a-z-]+ has more than one ballot/i);
  });

  it('a ballot whose pseudonym is not on the roll (V13)', async () => {
    const stranger = `z${randomBytes(8).toString('hex')}`;
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const cast = entries.filter((e) => e.type === 'BallotCast')[0];
      cast.stream = `ballot-${election.electionId}-${stranger}`;
      cast.data.pseudonym = stranger;
      if ('pseudonym' in (cast.data.ballot as object)) (cast.data.ballot as Record<string, unknown>).pseudonym = stranger;
      setEntries(f, entries);
    });
    expectRefused(verify(dir), 'V13', new RegExp(`pseudonym ${stranger} is not on the roll`));
  });

  // ---- eligibility by credential (issue 13): V19, the signature being V12's --------------------

  /**
   * The server side: it holds the database and every service key (it can rewrite and re-sign the
   * whole log, `operatorVariant`), but no voter's secret. Its own key stands for every key it
   * could make.
   */
  const serverKey = randomSigningKey();
  const keyClaiming = (claimed: string, signer: SigningKey): SigningKey => ({ secretKey: signer.secretKey, publicKey: claimed });
  const styleOf = (pseudonym: string) => manifestBallotStyles(election.manifest).find((st) => st.id === election.manifest.ballotStyles.find((b) => b.entity === election.roll.get(pseudonym))!.id)!;
  const credentialEntries = (entries: Entry[]) => entries.filter((e) => e.stream === `credentials-${election.electionId}`);
  /** Inserts `entry` after entry `after` and renumbers every position (the leaves are re-signed). */
  const insertAfter = (entries: Entry[], after: number, entry: Entry) => {
    entries.splice(after + 1, 0, entry);
    entries.forEach((e, k) => (e.position = k));
  };
  /** A BallotCast the server writes for `pseudonym`, its ballot made with `key` (whose public half is the claimed credential). */
  function forgedCast(entries: Entry[], pseudonym: string, key: SigningKey): Entry {
    const style = styleOf(pseudonym);
    const selections = Object.fromEntries(style.contests.map((c) => [c.id, c.optionIds[0]]));
    const { ballot, secrets } = encryptBallot({ context: election.context, tables: encryptionTables(election.context.publicKey), style, pseudonym, credential: key, selections });
    const model = entries.find((e) => e.type === 'BallotCast')! as Entry & Record<string, unknown>;
    return {
      ...JSON.parse(JSON.stringify(model)), id: randomUUID(), stream: `ballot-${election.electionId}-${pseudonym}`, revision: 0, actor: `voter:${pseudonym}`,
      data: {
        electionId: election.electionId, pseudonym, bindingNonce: secrets.bindingNonce, credential: key.publicKey, signature: secrets.signature,
        styleId: style.id, trackingCode: ballot.trackingCode, ballot, castAt: (model.data as { castAt: string }).castAt,
      },
    };
  }
  const lastBallot = (entries: Entry[]) => entries.map((e) => e.type).lastIndexOf('BallotCast');
  const passes = (v: RecordVerification, ...numbers: string[]) => {
    for (const n of numbers) expect([n, v.results.find((r) => r.number === n)!.status]).toEqual([n, 'pass']);
  };

  it('a ballot the server side forges for an abstaining voter, signed with a key of its own: its credential is not on the authority\'s list (V19)', async () => {
    const abstainer = election.abstainers[0];
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      insertAfter(entries, lastBallot(entries), forgedCast(entries, abstainer, serverKey));
      setEntries(f, entries);
    }));
    expectRefused(v, 'V19', new RegExp(`is signed by ${serverKey.publicKey}, which is not on the credential authority's list`));
    // Everything else about the forged ballot holds: proofs, its own signature, binding, the roll.
    passes(v, 'V12', 'V13');
  });

  it('... claiming the abstainer\'s listed credential: the signature is not that credential\'s (V12)', async () => {
    const abstainer = election.abstainers[0];
    const listed = election.credentials.get(abstainer)!.publicKey;
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      insertAfter(entries, lastBallot(entries), forgedCast(entries, abstainer, keyClaiming(listed, serverKey)));
      setEntries(f, entries);
    }));
    expectRefused(v, 'V12', /signature: the signature is not the credential's over this ballot/);
    passes(v, 'V13', 'V19');
  });

  it('... and its own key put on the list in the abstainer\'s place: the list is not the authority\'s (V19); re-signed with a key of its own, refused against the key given out of band', async () => {
    const abstainer = election.abstainers[0];
    const swapList = (entries: Entry[], resign?: SigningKey) => {
      const [enrolled, summary, chunk] = credentialEntries(entries);
      const credentials = (chunk.data.credentials as string[]).map((c) => (c === election.credentials.get(abstainer)!.publicKey ? serverKey.publicKey : c)).sort();
      const listHash = credentialListHash(credentials);
      chunk.data.credentials = credentials;
      Object.assign(summary.data, { listHash, fingerprint: credentialListFingerprint(listHash) });
      if (resign) {
        enrolled.data.authorityKey = resign.publicKey;
        summary.data.authorityKey = resign.publicKey;
        summary.data.signature = signCredentialList(resign, { electionId: election.electionId, rollCommitment: String(summary.data.rollCommitment), count: credentials.length, listHash });
      }
      insertAfter(entries, lastBallot(entries), forgedCast(entries, abstainer, serverKey));
    };
    const swapped = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      swapList(entries);
      setEntries(f, entries);
    }));
    expectRefused(swapped, 'V19', /the list is not signed by the credential authority's key/);
    const resigned = await operatorVariant((f) => {
      const entries = entriesOf(f);
      swapList(entries, serverKey);
      setEntries(f, entries);
    });
    // The record alone cannot tell whose key was enrolled; the authority's real key, given out of band, can.
    expect(verify(resigned)).toMatchObject({ authorityKeySource: 'record', authorityKey: serverKey.publicKey });
    expectRefused(verify(resigned, { credentialAuthority: election.authority.publicKey }), 'V19', /is not the one given with --credential-authority/);
  });

  it('a replacement the authority never signed, listing the server\'s key (V19)', async () => {
    const abstainer = election.abstainers[0];
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const list = credentialEntries(entries);
      const summary = list[1];
      const revoked = election.credentials.get(abstainer)!.publicKey;
      const replaced: Entry = {
        ...JSON.parse(JSON.stringify(summary)), id: randomUUID(), type: 'CredentialReplaced', revision: list.length,
        data: {
          electionId: election.electionId, number: 1, revoked, replacement: serverKey.publicKey, replacedAt: String(summary.data.publishedAt),
          signature: signCredentialReplacement(serverKey, { electionId: election.electionId, listHash: String(summary.data.listHash), number: 1, revoked, replacement: serverKey.publicKey }),
        },
      };
      insertAfter(entries, lastBallot(entries), replaced);
      insertAfter(entries, lastBallot(entries), forgedCast(entries, abstainer, serverKey));
      setEntries(f, entries);
    }));
    expectRefused(v, 'V19', /CredentialReplaced at log entry \d+ is not signed by the credential authority's key/);
  });

  it('a counted ballot whose credential the authority revoked (V19)', async () => {
    const [voter] = [...election.credentials.keys()];
    const revoked = election.credentials.get(voter)!.publicKey;
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const list = credentialEntries(entries);
      const summary = list[1];
      const fresh = randomSigningKey().publicKey;
      // A genuine replacement, signed by the authority: the voter's credential has a ballot all the same.
      const replaced: Entry = {
        ...JSON.parse(JSON.stringify(summary)), id: randomUUID(), type: 'CredentialReplaced', revision: list.length,
        data: {
          electionId: election.electionId, number: 1, revoked, replacement: fresh, replacedAt: String(summary.data.publishedAt),
          signature: signCredentialReplacement(election.authority, { electionId: election.electionId, listHash: String(summary.data.listHash), number: 1, revoked, replacement: fresh }),
        },
      };
      insertAfter(entries, lastBallot(entries), replaced);
      setEntries(f, entries);
    }));
    expectRefused(v, 'V19', new RegExp(`is signed by ${revoked}, a revoked credential`));
  });

  it('a second ballot by one credential, for the abstainer, signed by a voter who already voted (V19 alone among the ballot checks)', async () => {
    const [voter] = [...election.credentials.keys()];
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      insertAfter(entries, lastBallot(entries), forgedCast(entries, election.abstainers[0], election.credentials.get(voter)!));
      setEntries(f, entries);
    }));
    expectRefused(v, 'V19', new RegExp(`credential ${election.credentials.get(voter)!.publicKey} has two ballots`));
    passes(v, 'V12', 'V13');
  });

  it('the credential list changed after opening (V19)', async () => {
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const chunk = credentialEntries(entries)[2];
      entries.splice(entries.indexOf(chunk), 1);
      insertAfter(entries, entries.findIndex((e) => e.type === 'ElectionOpened'), chunk);
      setEntries(f, entries);
    }));
    expectRefused(v, 'V19', /PublicCredentialsPublished at log entry \d+ comes after the opening \(log entry \d+\): the list changed after opening/);
  });

  it('a ballot of the retired format urna/ballot/v2, in a BallotCast v2 without credential or signature (V12, V19)', async () => {
    const v = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const cast = entries.find((e) => e.type === 'BallotCast')! as Entry & { version: number };
      const { trackingCode: _t, ...unsealed } = cast.data.ballot as Record<string, unknown>;
      const sealed = sealBallot({ ...unsealed, format: 'urna/ballot/v2' } as never);
      cast.version = 2;
      cast.data = { ...cast.data, ballot: sealed, trackingCode: sealed.trackingCode };
      delete cast.data.credential;
      delete cast.data.signature;
      setEntries(f, entries);
    }));
    expectRefused(v, 'V12', /format urna\/ballot\/v2 is retired: its ballots carry no voter signature/);
    expectRefused(v, 'V19', /is version 2: only version 3 carries the voter's credential and signature/);
  });

  // ---- tally --------------------------------------------------------------------------------

  it('tally: an encrypted total that is not the sum of the ballots (V14)', async () => {
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const total = entries.find((e) => e.type === 'EncryptedTallyComputed')!;
      const options = total.data.options as { alpha: string }[];
      options[0].alpha = toHex(group.encode(group.add(group.decode(fromHex(options[0].alpha, 32)), group.generator)));
      setEntries(f, entries);
    });
    expectRefused(verify(dir), 'V14', /the recorded total is not the sum of the ballots/);
  });

  it('tally: a trustee\'s decryption share changed in the log (V15)', async () => {
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const posted = entries.find((e) => e.type === 'PartialDecryptionPosted')!;
      const partial = (posted.data.partials as Record<string, string>[])[0];
      const key = Object.keys(partial).find((k) => /^[0-9a-f]{64}$/.test(String(partial[k])))!;
      partial[key] = toHex(group.encode(group.add(group.decode(fromHex(partial[key], 32)), group.generator)));
      setEntries(f, entries);
    });
    expectRefused(verify(dir), 'V15', /trustee \d+, /);
  });

  it("tally: a trustee's partial decryptions re-proved with the v1 context, for another box or for another ballot count (V15)", async () => {
    // The operator holds this test election's shares: it re-proves the first posted contest of a trustee, consistently.
    const reproved = (how: 'v1' | 'box' | 'count') => operatorVariant((f) => {
      const entries = entriesOf(f);
      const posted = entries.find((e) => e.type === 'PartialDecryptionPosted')! as Entry & { version: number };
      const d = posted.data as { trusteeIndex: number; contestId: string; ballotBoxHash: string; ballots: number; partials: PartialDecryption[] };
      const totals = entries.find((e) => e.type === 'EncryptedTallyComputed' && e.data.contestId === d.contestId)!.data as { options: { optionId: string; alpha: string; beta: string }[] };
      const x = election.shares.get(d.trusteeIndex)!;
      const cts = totals.options.map((o) => ({ optionId: tallyOptionId(d.contestId, o.optionId), c: { alpha: group.decode(fromHex(o.alpha, 32)), beta: group.decode(fromHex(o.beta, 32)) } }));
      if (how === 'v1') {
        // What a version 1 trustee posted: tag urna/v1/partial-decryption over baseHash, option, trustee, β; no box, no count.
        posted.version = 1;
        posted.data = { electionId: election.electionId, trusteeIndex: d.trusteeIndex, contestId: d.contestId, partials: cts.map(({ optionId, c }) => {
          const share = group.mul(c.alpha, x);
          const proof = proveDleq('urna/v1/partial-decryption', [election.context.baseHash, utf8(optionId), u32(d.trusteeIndex), group.encode(c.beta)],
            { g1: group.generator, h1: group.mul(group.generator, x), g2: c.alpha, h2: share }, x);
          return { trustee: d.trusteeIndex, optionId, share: toHex(group.encode(share)), proof: { challenge: toHex(encodeScalar(proof.challenge)), response: toHex(encodeScalar(proof.response)) } };
        }) };
      } else {
        const scope = how === 'box' ? decryptionScope(election.context, flipHex(d.ballotBoxHash), d.ballots) : decryptionScope(election.context, d.ballotBoxHash, d.ballots + 1);
        posted.data = { ...d, ballotBoxHash: toHex(scope.ballotBoxHash), ballots: scope.ballots, partials: cts.map(({ optionId, c }) => partialDecrypt(scope, optionId, c, d.trusteeIndex, x)) };
      }
      setEntries(f, entries);
    });
    const v1 = verify(await reproved('v1'));
    expectRefused(v1, 'V15', /is version 1; only version 2 or later is accepted/);
    expectRefused(v1, 'V15', /partial-decryption\.proof: .* does not verify for this ballot box and ballot count/);
    const box = verify(await reproved('box'));
    expectRefused(box, 'V15', /posted for ballot box [0-9a-f]{64}, closing recorded [0-9a-f]{64}/);
    expectRefused(box, 'V15', /partial-decryption\.proof/);
    const count = verify(await reproved('count'));
    expectRefused(count, 'V15', /posted for \d+ ballots, EncryptedTallyComputed records \d+/);
    expectRefused(count, 'V15', /partial-decryption\.proof/);
  });

  it('tally/results.json: a result of version 1, or naming another ballot box (V16)', () => {
    const v1 = verify(variant((f) => editJson(f, RecordFiles.results, (r) => (r.contests[0].result.version = 1))));
    expectRefused(v1, 'V16', /tally\.type: expected urna\.tally\.result version 2/);
    const box = verify(variant((f) => editJson(f, RecordFiles.results, (r) => (r.contests[0].result.ballotBoxHash = flipHex(r.contests[0].result.ballotBoxHash)))));
    expectRefused(box, 'V16', /tally\.ballot-box-hash: made for another ballot box/);
    const ballots = verify(variant((f) => editJson(f, RecordFiles.results, (r) => (r.contests[0].result.ballots += 1))));
    expectRefused(ballots, 'V16', /tally\.ballots: expected \d+ ballots/);
  });

  it('tally/results.json: a proof, a count, the threshold (V16)', () => {
    const proof = verify(variant((f) => f.set(RecordFiles.results, f.get(RecordFiles.results)!.replace(/"response":"([0-9a-f])/, (_, c) => `"response":"${c === 'a' ? 'b' : 'a'}`))));
    expectRefused(proof, 'V16', /the partial decryptions are not the ones the log holds/);
    expect(failedNumbers(proof)).toEqual(['V16']);
    const count = verify(variant((f) => f.set(RecordFiles.results, f.get(RecordFiles.results)!.replace(/"count":(\d+)/, (_, n) => `"count":${Number(n) + 1}`))));
    expectRefused(count, 'V16', /results\.json says \d+, the log published \d+/);
    const threshold = verify(variant((f) => editJson(f, RecordFiles.results, (r) => (r.threshold -= 1))));
    expectRefused(threshold, 'V16', /says threshold 1, the log 2/);
    expect(failedNumbers(threshold)).toEqual(['V16']);
  });

  // ---- acta ---------------------------------------------------------------------------------

  it('acta: counts changed, whitespace added, the file removed while the index lists it (V17, V1)', () => {
    const counts = verify(variant((f) => f.set(RecordFiles.acta, f.get(RecordFiles.acta)!.replace(/"votes":(\d+)/, (_, n) => `"votes":${Number(n) + 1}`))));
    expectRefused(counts, 'V17', /acta \d+, results \d+/);
    expectRefused(counts, 'V17', /not the acta whose hash was recorded/);
    const spaced = verify(variant((f) => f.set(RecordFiles.acta, f.get(RecordFiles.acta)!.replace('{"', '{ "'))));
    expectRefused(spaced, 'V17', /not RFC 8785 canonical JSON/);
    const removed = verify(variant((f) => f.delete(RecordFiles.acta)));
    expectRefused(removed, 'V1', /lists acta\/acta\.json, but the record does not hold it/);
    expectRefused(removed, 'V17', /ActaIssued, but acta\/acta\.json is missing/);
  });

  // ---- spoiled ballots (Benaloh audits) -----------------------------------------------------

  const spoiledEntries = (entries: Entry[]) => entries.filter((e) => e.type === 'BallotSpoiled');
  /** Edits the disclosure of spoiled ballot `k` in the log; the operator re-signs. */
  const editDisclosure = (k: number, edit: (disclosure: { selections: Record<string, string>; nonces: string[][] }, ballot: any) => void) => operatorVariant((f) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const entries = entriesOf(f);
    const e = spoiledEntries(entries)[k];
    edit(e.data.disclosure as never, e.data.ballot);
    setEntries(f, entries);
  });
  const onlyV18 = (v: RecordVerification) => expect(failedNumbers(v).filter((n) => n !== 'V7')).toEqual(['V18']);

  it('spoiled ballots: a disclosure that does not open — a selection changed, a nonce changed (V18)', async () => {
    const selection = verify(await editDisclosure(0, (d, ballot) => {
      const contest = ballot.contests[0] as { contestId: string; options: { optionId: string }[] };
      d.selections[contest.contestId] = contest.options.map((o) => o.optionId).find((id) => id !== d.selections[contest.contestId])!;
    }));
    expectRefused(selection, 'V18', /^spoiled ballot [0-9a-f]{64} \(log entry \d+\) does not open from its disclosure: ciphertext \(/);
    onlyV18(selection);
    const nonce = verify(await editDisclosure(1, (d) => {
      d.nonces[0][0] = toHex(encodeScalar(randomScalar()));
    }));
    expectRefused(nonce, 'V18', /does not open from its disclosure: ciphertext \([^)]*, option 0\): the ciphertext is not the encryption of [01] with the revealed nonce/);
    onlyV18(nonce);
  });

  it('spoiled ballots: a cast ballot carrying the ciphertexts of a spoiled one, re-proved for its voter (V18 alone among the ballot checks)', async () => {
    const audited = election.spoiled[0];
    const style = manifestBallotStyles(election.manifest).find((st) => st.id === audited.ballot.styleId)!;
    // Whoever holds the published disclosure holds the nonces: the same α and β, with fresh proofs and binding.
    const plan: (() => bigint)[] = style.contests.flatMap((c, k) => [
      ...audited.nonces[k].map((hex) => () => decodeScalar(fromHex(hex, 32))),
      ...Array.from({ length: 3 * c.optionIds.length + 1 }, () => randomScalar),
    ]);
    let call = 0;
    // Re-proved and signed for its own voter (whose credential key the test holds), so that only the reuse is wrong.
    const forged = encryptBallot({ context: election.context, tables: encryptionTables(election.context.publicKey), style, pseudonym: audited.pseudonym,
      credential: election.credentials.get(audited.pseudonym)!, bindingNonce: toHex(encodeScalar(randomScalar())), selections: audited.selections,
      random: () => (plan[call++] ?? randomScalar)() });
    expect(ballotCiphertexts(forged.ballot)).toEqual(ballotCiphertexts(audited.ballot));
    expect(forged.ballot.trackingCode).not.toBe(audited.ballot.trackingCode);
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const cast = entries.find((e) => e.type === 'BallotCast' && e.data.pseudonym === audited.pseudonym)!;
      cast.data.ballot = forged.ballot;
      cast.data.trackingCode = forged.ballot.trackingCode;
      cast.data.bindingNonce = forged.secrets.bindingNonce;
      cast.data.signature = forged.secrets.signature;
      setEntries(f, entries);
    });
    const v = verify(dir);
    expectRefused(v, 'V18', new RegExp(`^the cast ballot ${forged.ballot.trackingCode} \\(log entry \\d+\\) reuses the α or β [0-9a-f]{64} of the spoiled ballot ${audited.ballot.trackingCode} `));
    // The forged ballot is otherwise valid: its proofs and signature verify, its binding opens to its voter, its credential is listed.
    for (const n of ['V12', 'V13', 'V19']) expect([n, v.results.find((r) => r.number === n)!.status]).toEqual([n, 'pass']);
    // The spoiled ballot itself cast: its tracking code is a spoiled one.
    const same = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const cast = entries.find((e) => e.type === 'BallotCast' && e.data.pseudonym === audited.pseudonym)!;
      cast.data.ballot = audited.ballot;
      cast.data.trackingCode = audited.ballot.trackingCode;
      setEntries(f, entries);
    }));
    expectRefused(same, 'V18', new RegExp(`^the cast ballot ${audited.ballot.trackingCode} \\(log entry \\d+\\) is the spoiled ballot of log entry \\d+: a ballot is cast or spoiled, never both`));
  });

  it('spoiled ballots: one tracking code spoiled twice (V18)', async () => {
    const dir = await operatorVariant((f) => {
      const entries = entriesOf(f);
      const [first, second] = spoiledEntries(entries);
      second.stream = first.stream;
      second.data = JSON.parse(JSON.stringify(first.data));
      setEntries(f, entries);
    });
    const v = verify(dir);
    expectRefused(v, 'V18', new RegExp(`^tracking code ${election.spoiled[0].ballot.trackingCode} is spoiled more than once \\(log entries \\d+, \\d+\\)`));
    onlyV18(v);
  });

  // ---- manifest, ceremony, roll -------------------------------------------------------------

  it('manifest.json not the manifest in the log (V8)', () => {
    const v = verify(variant((f) => editJson(f, RecordFiles.manifest, (m) => (m.process.name = `${m.process.name} (editado)`))));
    expectRefused(v, 'V8', /manifest\.json is not the manifest recorded in the log/);
    expect(failedNumbers(v)).toEqual(['V8']);
  });

  it('an opening report that is not the one ElectionOpened recorded (V8)', () => {
    const v = verify(variant((f) => {
      f.set(RecordFiles.openingReport, `${canonicalJson({ configurationHash: '0'.repeat(64), document: 'urna.opening-report', electionId: election.electionId, formatVersion: 1 })}\n`);
      editJson(f, RecordFiles.index, (ix) => (ix.files = [...ix.files, RecordFiles.openingReport].sort()));
    }));
    expectRefused(v, 'V8', /not the opening report ElectionOpened recorded/);
    expectRefused(v, 'V8', /names another election or manifest/);
    expect(v.results.find((r) => r.number === 'V1')!.status).toBe('pass');
  });

  it('ceremony transcript: the file edited (V9)', () => {
    const file = verify(variant((f) => editJson(f, RecordFiles.transcript, (t) => (t.transcript.round1[0].trustee = 9))));
    expectRefused(file, 'V9', /ceremony\/transcript\.json differs from the transcript in the log/);
  });

  // ---- trustee signatures (issue 12 §2) ------------------------------------------------------

  it("trustee signatures: a message without its signature, a forged one, one signed with another trustee's key, one re-attributed to another trustee (V20)", async () => {
    const first = (entries: Entry[], type: string) => entries.find((e) => e.type === type)!;
    const missing = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      delete first(entries, 'CeremonyRound1Published').data.signature;
      setEntries(f, entries);
    }));
    expectRefused(missing, 'V20', /^CeremonyRound1Published of trustee 1 \(log entry \d+\) carries no signature/);
    const forged = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const d = first(entries, 'CeremonySharesDealt').data;
      d.signature = flipHex(String(d.signature));
      setEntries(f, entries);
    }));
    expectRefused(forged, 'V20', /^CeremonySharesDealt of trustee 1 .*: the signature does not verify with trustee 1's enrolled key$/);
    // Trustee 2's token signs a round-1 message in trustee 1's name.
    const byOther = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const d = first(entries, 'CeremonyRound1Published').data as { message: { trustee: number }; signature?: string };
      d.signature = tokenTrusteeKey(fixture.tokens[1], election.electionId).sign({ electionId: election.electionId, scope: String((first(entries, 'CeremonyOpened').data as { ceremonyId: string }).ceremonyId), kind: 'CeremonyRound1Published', trusteeIndex: 1, message: d.message });
      setEntries(f, entries);
    }));
    expectRefused(byOther, 'V20', /^CeremonyRound1Published of trustee 1 .* does not verify with trustee 1's enrolled key$/);
    // Trustee 1's partial decryptions, with its genuine signature, put in trustee 2's name.
    const moved = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      const d = entries.find((e) => e.type === 'PartialDecryptionPosted' && e.data.trusteeIndex === 1)!.data as { trusteeIndex: number; partials: { trustee: number }[] };
      d.trusteeIndex = 2;
      for (const p of d.partials) p.trustee = 2;
      setEntries(f, entries);
    }));
    expectRefused(moved, 'V20', /^PartialDecryptionPosted of trustee 2 .* does not verify with trustee 2's enrolled key$/);
    // What is not signed at all any more: the actor a ledger entry names is informative, and moving it changes nothing.
    const actor = verify(await operatorVariant((f) => {
      const entries = entriesOf(f);
      first(entries, 'CeremonySharesDealt').actor = 'trustee:trustee-2';
      setEntries(f, entries);
    }));
    expect(failedNumbers(actor)).toEqual(['V7']);
  });

  it('roll.json not the roll of the log (V10)', () => {
    const v = verify(variant((f) => editJson(f, RecordFiles.roll, (r) => (r.entries[0].entity = r.entries[0].entity === '09' ? '14' : '09'))));
    expectRefused(v, 'V10', /roll\.json entries differ from the roll in the log/);
  });
});
