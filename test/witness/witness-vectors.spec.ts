/**
 * docs/spec/vectors/witness.json: regenerating it gives the checked-in file byte for byte, and
 * each cosignature checks from the file alone with node:crypto (key ID with type 0x04, the
 * signed message, the 8-byte big-endian timestamp then the signature), nothing from src/.
 * Then attacks on the verifier: a tampered cosignature, a replayed one on another checkpoint,
 * a log key posing as a witness, a duplicated line counted twice.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WITNESS_VECTORS_PATH, witnessVectors } from '../../scripts/generate-witness-vectors';
import { appendSignatureLines, parseCosignerKey, verifyCosignatures } from '../../src/ledger/checkpoint/cosignature';
import { checkQuorum } from '../../src/ledger/checkpoint/witness-policy';

const v = JSON.parse(readFileSync(WITNESS_VECTORS_PATH, 'utf8'));
const ed25519Key = (hex: string) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
const policy = (quorum: number) => ({ quorum, witnesses: v.cosignatures.map((c: { name: string; vkey: string }) => ({ name: c.name, vkey: c.vkey, url: 'https://w' })) });
const keys = () => v.cosignatures.map((c: { vkey: string }) => parseCosignerKey(c.vkey));

describe('witness vectors (docs/spec/vectors/witness.json)', () => {
  it('recomputing the vectors gives the checked-in file byte for byte', async () => {
    expect(await witnessVectors()).toBe(readFileSync(WITNESS_VECTORS_PATH, 'utf8'));
  });

  it('each cosignature checks with node:crypto from the spec alone', () => {
    for (const c of v.cosignatures) {
      const pub = Buffer.from(c.publicKey, 'hex');
      const id = createHash('sha256').update(Buffer.concat([Buffer.from(c.name), Buffer.from([0x0a, 0x04]), pub])).digest().subarray(0, 4);
      expect(id.toString('hex')).toBe(c.keyId);
      expect(c.vkey).toBe(`${c.name}+${c.keyId}+${Buffer.concat([Buffer.from([4]), pub]).toString('base64')}`);
      expect(c.signedMessage).toBe(`cosignature/v1\ntime ${c.timestamp}\n${v.checkpointText}`);
      const m = /^\u2014 (\S+) (\S+)$/.exec(c.line)!;
      expect(m[1]).toBe(c.name);
      const blob = Buffer.from(m[2], 'base64');
      expect(blob.length).toBe(4 + 8 + 64);
      expect(blob.subarray(0, 4)).toEqual(id);
      expect(blob.readBigUInt64BE(4)).toBe(BigInt(c.timestamp));
      expect(verify(null, Buffer.from(c.signedMessage, 'utf8'), ed25519Key(c.publicKey), blob.subarray(12))).toBe(true);
    }
    expect(v.cosignedNote).toBe(v.note + v.cosignatures.map((c: { line: string }) => `${c.line}\n`).join(''));
    expect(v.addCheckpoint.requestBody).toBe(`old 3\n${v.addCheckpoint.proof.map((p: string) => `${p}\n`).join('')}\n${v.note}`);
  });

  it('the quorum verdicts of the file hold', () => {
    expect(checkQuorum(v.cosignedNote, policy(2)).met).toBe(true);
    expect(checkQuorum(v.note, policy(1)).met).toBe(false);
    expect(v.quorum.oneCosignatureQuorum2.met).toBe(false);
  });

  it('a tampered cosignature makes the note malformed instead of being silently dropped', () => {
    const line: string = v.cosignatures[0].line;
    const blob = Buffer.from(line.split(' ')[2], 'base64');
    blob[20] ^= 1;
    const forged = appendSignatureLines(v.note, [`\u2014 ${v.cosignatures[0].name} ${blob.toString('base64')}`]);
    expect(() => verifyCosignatures(forged, keys())).toThrow(/does not verify/);
  });

  it('a timestamp changed after signing does not verify', () => {
    const blob = Buffer.from((v.cosignatures[0].line as string).split(' ')[2], 'base64');
    blob.writeBigUInt64BE(BigInt(v.cosignatures[0].timestamp + 1), 4);
    expect(() => verifyCosignatures(appendSignatureLines(v.note, [`\u2014 ${v.cosignatures[0].name} ${blob.toString('base64')}`]), keys())).toThrow(/does not verify/);
  });

  it('a cosignature replayed onto another checkpoint does not verify', () => {
    const other = v.note.replace('\n5\n', '\n6\n');
    expect(() => verifyCosignatures(appendSignatureLines(other, [v.cosignatures[0].line]), keys())).toThrow(/does not verify/);
  });

  it('the same cosignature line twice counts once toward the quorum', () => {
    const twice = `${v.note}${v.cosignatures[0].line}\n${v.cosignatures[0].line}\n`;
    const r = checkQuorum(twice, policy(2));
    expect(r.cosigners.map((c) => c.name)).toEqual([v.cosignatures[0].name]);
    expect(r.met).toBe(false);
  });

  it('the log key is not a cosigner key (type 0x01 is refused where 0x04 is expected)', () => {
    expect(() => parseCosignerKey(v.log.vkey)).toThrow(/cosignature\/v1/);
  });

  it('a policy whose quorum exceeds its witnesses, or two witnesses with one name, is refused', () => {
    expect(() => checkQuorum(v.cosignedNote, policy(3))).toThrow(/quorum/);
    const p = policy(1);
    p.witnesses.push({ ...p.witnesses[0] });
    expect(() => checkQuorum(v.cosignedNote, p)).toThrow(/share a name/);
  });
});
