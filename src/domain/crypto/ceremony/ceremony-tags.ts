import { Tags } from '../tags';

/** The ceremony's and the tally's domain-separation tags (also registered in ../tags.ts). */
export const CeremonyTags = {
  context: Tags.dkgContext,
  coefficientProof: Tags.dkgCoefficientProof,
  transportKeyProof: Tags.dkgTransportKeyProof,
  shareEncryptionKey: Tags.dkgShareEncryptionKey,
  shareMacKey: Tags.dkgShareMacKey,
  sharePad: Tags.dkgSharePad,
  shareMac: Tags.dkgShareMac,
  envelopeKeyProof: Tags.dkgEnvelopeKeyProof,
  complaint: Tags.dkgComplaint,
  partialDecryption: Tags.partialDecryption,
} as const;
