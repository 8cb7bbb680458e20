/**
 * What the route's commands print of the log's identity for people to compare by eye (issue 14
 * §2): origin, key and its fingerprint, and each configured witness key with its fingerprint, or
 * a plain line saying that nobody but the operator cosigns.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { formatCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { keyFingerprint } from '../../src/ledger/checkpoint/witness-policy';
import { logKeyFingerprint } from '../../src/opening/log-key-fingerprint';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { sayLogIdentity } from '../../src/route/route-commands';

describe('the log identity a route command prints', () => {
  const saved = { list: process.env.URNA_WITNESSES, quorum: process.env.URNA_WITNESS_QUORUM };
  afterEach(() => {
    for (const [k, v] of [['URNA_WITNESSES', saved.list], ['URNA_WITNESS_QUORUM', saved.quorum]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const signer = SoftwareNoteSigner.generate('voto.example.mx/log/pef-2027');
  const witness = (name: string) => formatCosignerKey(name, ed25519.getPublicKey(ed25519.utils.randomSecretKey()));

  it('prints each witness key with its fingerprint and the quorum', () => {
    const keys = [witness('testigo.partido-a.mx'), witness('testigo.observadores.mx'), witness('testigo.auditoria.mx')];
    process.env.URNA_WITNESSES = keys.map((k, i) => `${k} http://127.0.0.1:${9000 + i}`).join(',');
    process.env.URNA_WITNESS_QUORUM = '2';
    const lines: string[] = [];
    sayLogIdentity(signer, (l) => lines.push(l));
    const text = lines.join('\n');
    const vkey = formatVerifierKey(signer.name, signer.publicKey);
    expect(text).toContain(vkey);
    expect(text).toContain(logKeyFingerprint(vkey));
    expect(text).toContain('2/3');
    for (const k of keys) expect(text).toContain(`${k}  (${keyFingerprint(k)})`);
  });

  it('says plainly when no witness is configured', () => {
    delete process.env.URNA_WITNESSES;
    delete process.env.URNA_WITNESS_QUORUM;
    const lines: string[] = [];
    sayLogIdentity(signer, (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/Sin testigos configurados.*no witnesses configured/);
  });
});
