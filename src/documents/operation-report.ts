/**
 * The operation report (numeral 28; docs/spec/monitoring.md §6): daily and final, as signed
 * canonical JSON and as PDF. What is signed: the RFC 8785 canonical bytes of `report`, with the
 * log's key (the key that signs checkpoints and the preservation manifest), Ed25519. The file is
 * `canonicalDocumentJson({report, signature})` + 0x0A; its SHA-256 is what the ledger's
 * OperationReportIssued and the preservation manifest record.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { OperationFacts } from '../domain/monitoring/operation-facts';
import { canonicalBytes } from './canonical-json';
import { DocumentError, type LogCheckpoint } from './document-types';
import type { SignBytes } from './preservation-manifest';

export interface ComponentAvailability {
  /** Snapshots taken during the period (one per report at least). */
  samples: number;
  /** Share of samples each component was `up`, 0–1. */
  up: Record<string, number>;
  /** The state when the report was produced. */
  atProduction: Record<string, string>;
}

export interface OperationReport extends OperationFacts {
  document: 'urna.operation-report';
  /** 2: places with 1–4 ballots or deliveries are merged into "other" (docs/spec/monitoring.md §6.1); 1 listed every place. */
  formatVersion: 2;
  kind: 'daily' | 'final';
  electionId: string;
  producedAt: string;
  components: ComponentAvailability;
  checkpoints: { signedInPeriod: number; latest?: LogCheckpoint };
  signer: { algorithm: 'Ed25519'; publicKey: string };
}

export interface SignedOperationReport {
  report: OperationReport;
  /** Ed25519 signature (64 bytes, hex) over canonicalBytes(report). */
  signature: string;
}

export async function signOperationReport(report: Omit<OperationReport, 'document' | 'formatVersion' | 'signer'>, sign: SignBytes, signerPublicKey: Uint8Array): Promise<SignedOperationReport> {
  if (signerPublicKey.length !== 32) throw new DocumentError('INVALID_PUBLIC_KEY', `an Ed25519 public key has 32 bytes, got ${signerPublicKey.length}`);
  const body: OperationReport = { document: 'urna.operation-report', formatVersion: 2, ...report, signer: { algorithm: 'Ed25519', publicKey: bytesToHex(signerPublicKey) } };
  const bytes = canonicalBytes(body);
  const signature = await sign(bytes);
  if (signature.length !== 64 || !ed25519.verify(signature, bytes, signerPublicKey)) {
    throw new DocumentError('SIGNER_KEY_MISMATCH', 'the signature does not verify with the given public key: the signer holds another key');
  }
  return { report: body, signature: bytesToHex(signature) };
}

/** True when the signature verifies with the key the report names (and, if given, that key is `expectedKey`). */
export function operationReportSignatureValid(signed: SignedOperationReport, expectedKey?: Uint8Array): boolean {
  try {
    const key = hexToBytes(signed.report.signer.publicKey);
    if (expectedKey && bytesToHex(expectedKey) !== signed.report.signer.publicKey) return false;
    return ed25519.verify(hexToBytes(signed.signature), canonicalBytes(signed.report), key);
  } catch {
    return false;
  }
}
