/**
 * The printed preservation manifest handed to the notary (lineamientos numeral 41): every
 * artefact's SHA-256 and size, the log's final checkpoint, the manifest hash, the signer's
 * public key and the signature, with how to check them, and signature lines for the official
 * who delivers and the notary who receives.
 */
import { joinBoth, type Bilingual } from '../../messages/catalog';
import { ARTEFACT_KINDS, manifestHash, type ArtefactKind, type SignedPreservationManifest } from '../preservation-manifest';
import { labelCell, msg } from './document-labels';
import { closeFrame, documentTitle, heading, keyValues, openFrame, paragraph, signatureBlock, table, verbatim, type FrameOptions } from './pdf-frame';

/** Each artefact kind's name, from the documents' catalog. */
export const ARTEFACT_KIND_LABEL = Object.fromEntries(ARTEFACT_KINDS.map((kind) => [kind, msg.pair(`artefact.${kind}`)])) as Record<ArtefactKind, Bilingual>;

export async function renderPreservationManifestPdf(
  signed: SignedPreservationManifest,
  people: { deliveredBy: { name: string; role: string; roleEn?: string }; notary: { name: string; role: string; roleEn?: string } },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const m = signed.manifest;
  const hash = manifestHash(m);
  const title = msg.pair('manifest.title');
  const frame: FrameOptions = { title, processName: m.process.name, generatedAt: m.signedAt, documentHash: hash, compress: options.compress };
  const doc = openFrame(frame);
  documentTitle(doc, title, msg.text('manifest.basis', 'es'));
  paragraph(doc, msg.pair('manifest.statement'));
  heading(doc, msg.pair('heading.general'));
  keyValues(doc, [
    [msg.pair('label.process'), `${m.process.name} (${m.process.id})`],
    [msg.pair('label.election'), m.electionId],
    [msg.pair('manifest.label.signed'), m.signedAt],
    [msg.pair('manifest.label.files'), String(m.artefacts.length)],
    [msg.pair('manifest.label.hash'), { text: hash, mono: true }],
    [msg.pair('manifest.label.publicKey'), { text: m.signer.publicKey, mono: true }],
    [msg.pair('manifest.label.signature'), { text: signed.signature, mono: true }],
  ]);
  heading(doc, msg.pair('manifest.heading.files'));
  table(
    doc,
    [
      { header: labelCell('manifest.column.file'), share: 0.31 },
      { header: labelCell('manifest.column.bytes'), share: 0.11, align: 'right' },
      { header: labelCell('manifest.column.sha256'), share: 0.58 },
    ],
    m.artefacts.map((a) => [
      { text: a.name, en: `${joinBoth(ARTEFACT_KIND_LABEL[a.kind])} · ${joinBoth(msg.pair(`manifest.access.${a.access}`))}` },
      { text: String(a.bytes) },
      { text: a.sha256, mono: true },
    ]),
  );
  // The confidential part: who can open it, and that its hash is over the encrypted file.
  const recipients = new Map(m.artefacts.filter((a) => a.encryption).map((a) => [a.encryption!.recipient.fingerprint, a]));
  if (recipients.size > 0) {
    heading(doc, msg.pair('manifest.heading.confidential'));
    paragraph(doc, msg.pair('manifest.confidentialStatement'));
    for (const [fingerprint, a] of recipients) {
      keyValues(doc, [
        [msg.pair('manifest.column.file'), m.artefacts.filter((x) => x.encryption?.recipient.fingerprint === fingerprint).map((x) => x.name).join(', ')],
        [msg.pair('manifest.label.encryption'), { text: a.encryption!.format, mono: true }],
        [msg.pair('manifest.label.recipientKey'), { text: a.encryption!.recipient.publicKey, mono: true }],
        [msg.pair('manifest.label.fingerprint'), { text: fingerprint, mono: true }],
        [msg.pair('manifest.label.hashOf'), joinBoth(msg.pair('manifest.hashOf.ciphertext'))],
      ]);
    }
  }
  heading(doc, msg.pair('manifest.heading.finalCheckpoint'));
  keyValues(doc, [
    [msg.pair('label.treeSize'), String(m.finalCheckpoint.size)],
    [msg.pair('label.root'), { text: m.finalCheckpoint.rootHash, mono: true }],
  ]);
  verbatim(doc, m.finalCheckpoint.note);
  signatureBlock(doc, [people.deliveredBy, people.notary], 0);
  return closeFrame(doc, frame);
}
