/**
 * `trustees.signatures` (docs/spec/record.md §5.9): every message a trustee sent is signed by
 * the Ed25519 key enrolled for the trustee it names. Without this check a transcript in which
 * the operator made every polynomial would verify exactly like a real one; with it, each
 * round-1 and round-2 message, each share-check report (and so each complaint) and each partial
 * decryption is attributable to the key generated in that trustee's token — whose fingerprint
 * the opening report printed beside the trustee's name, which is checked here too.
 */
import { signingKeyFingerprint, signingKeyProblem, shareCheckMessage, partialDecryptionMessage, TALLY_SCOPE, verifyTrusteeSignature, type SignedKind } from '../domain/ceremony/trustee-signature';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';

export interface TrusteeSignatureInput {
  electionId: string;
  /** The public log entries (every check reads its facts from them). */
  entries: readonly PublicEventEntry[];
  /** The opening report as parsed from the record, when the record carries one. */
  openingReport?: { trustees?: unknown } | undefined;
}

export interface TrusteeSignatureOutcome {
  problems: string[];
  summary: string;
}

export function checkTrusteeSignatures(input: TrusteeSignatureInput): TrusteeSignatureOutcome {
  const { electionId, entries } = input;
  const problems: string[] = [];
  const ceremony = `ceremony-${electionId}`;
  const inStream = (type: string, stream = ceremony) => entries.filter((e) => e.type === type && e.stream === stream);
  const opened = inStream('CeremonyOpened').pop()?.data as { ceremonyId?: unknown } | undefined;
  if (!opened || typeof opened.ceremonyId !== 'string') throw new Error('the log has no CeremonyOpened');
  const ceremonyId = opened.ceremonyId;

  // The enrolled keys: version 2 only (a version-1 trustee has no key, so nothing is attributable to it).
  const keys = new Map<number, string>();
  const names = new Map<number, string>();
  for (const e of inStream('TrusteeEnrolled')) {
    const d = e.data as { trusteeIndex?: unknown; signingKey?: unknown; name?: unknown };
    const index = Number(d.trusteeIndex);
    names.set(index, String(d.name));
    if (e.version < 2 || d.signingKey === undefined) {
      problems.push(`trustee ${index} (log entry ${e.position}) was enrolled without a signing key (TrusteeEnrolled version ${e.version}): nothing it sent can be attributed to it`);
      continue;
    }
    const problem = signingKeyProblem(d.signingKey);
    if (problem) problems.push(`trustee ${index}'s signing key (log entry ${e.position}) is ${problem}`);
    else if ([...keys.values()].includes(d.signingKey as string)) problems.push(`trustee ${index}'s signing key (log entry ${e.position}) is enrolled for another trustee too`);
    else keys.set(index, d.signingKey as string);
  }

  let verified = 0;
  const check = (e: PublicEventEntry, kind: SignedKind, scope: string, trustee: unknown, message: unknown, signature: unknown) => {
    const index = Number(trustee);
    const what = `${e.type} of trustee ${String(trustee)} (log entry ${e.position})`;
    if (typeof signature !== 'string') {
      problems.push(`${what} carries no signature (version ${e.version})`);
      return;
    }
    const key = keys.get(index);
    if (key === undefined) {
      problems.push(`${what} names a trustee with no enrolled signing key`);
      return;
    }
    if (!verifyTrusteeSignature(key, signature, { electionId, scope, kind, trusteeIndex: index, message })) {
      problems.push(`${what}: the signature does not verify with trustee ${index}'s enrolled key`);
      return;
    }
    verified++;
  };

  for (const e of inStream('CeremonyRound1Published')) {
    const d = e.data as { message?: { trustee?: unknown }; signature?: unknown };
    check(e, 'CeremonyRound1Published', ceremonyId, d.message?.trustee, d.message, d.signature);
  }
  for (const e of inStream('CeremonySharesDealt')) {
    const d = e.data as { message?: { dealer?: unknown }; signature?: unknown };
    check(e, 'CeremonySharesDealt', ceremonyId, d.message?.dealer, d.message, d.signature);
  }
  // A complaint counts only inside its complainant's signed report: the report is rebuilt from the
  // complaints the log holds for that complainant, ascending dealer, and must verify as signed.
  const complaints = inStream('CeremonyComplaintFiled').map((e) => ({ e, complaint: (e.data as { complaint?: { complainant?: unknown; dealer?: unknown } }).complaint }));
  const reported = new Set<number>();
  for (const e of inStream('CeremonySharesChecked')) {
    const d = e.data as { trusteeIndex?: unknown; complaints?: unknown; signature?: unknown };
    const j = Number(d.trusteeIndex);
    reported.add(j);
    const own = complaints.filter((c) => c.complaint?.complainant === j).map((c) => c.complaint!).sort((a, b) => Number(a.dealer) - Number(b.dealer));
    if (d.complaints !== own.length) problems.push(`CeremonySharesChecked of trustee ${j} (log entry ${e.position}) says ${String(d.complaints)} complaints, the log holds ${own.length}`);
    check(e, 'CeremonySharesChecked', ceremonyId, j, shareCheckMessage(j, own), d.signature);
  }
  for (const { e, complaint } of complaints) {
    if (!reported.has(Number(complaint?.complainant))) problems.push(`the complaint at log entry ${e.position} is in no share-check report signed by its complainant ${String(complaint?.complainant)}`);
  }
  for (const e of inStream('PartialDecryptionPosted', `tally-${electionId}`)) {
    const d = e.data as { trusteeIndex?: unknown; contestId?: unknown; ballotBoxHash?: unknown; ballots?: unknown; partials?: unknown; signature?: unknown };
    const message = partialDecryptionMessage({ trusteeIndex: Number(d.trusteeIndex), contestId: String(d.contestId), ballotBoxHash: String(d.ballotBoxHash), ballots: Number(d.ballots), partials: d.partials });
    check(e, 'PartialDecryptionPosted', TALLY_SCOPE, d.trusteeIndex, message, d.signature);
  }

  // The opening report printed each trustee's name beside its key's fingerprint: those of the log.
  const printed = input.openingReport?.trustees;
  if (input.openingReport !== undefined) {
    if (!Array.isArray(printed)) problems.push('the opening report prints no trustees and signing key fingerprints');
    else {
      const rows = printed as { trusteeIndex?: unknown; name?: unknown; signingKeyFingerprint?: unknown }[];
      const listed = rows.map((r) => Number(r.trusteeIndex)).sort((a, b) => a - b);
      const enrolled = [...names.keys()].sort((a, b) => a - b);
      if (listed.join(',') !== enrolled.join(',')) problems.push(`the opening report lists trustees ${listed.join(',')}, the log enrolled ${enrolled.join(',')}`);
      for (const r of rows) {
        const index = Number(r.trusteeIndex);
        const key = keys.get(index);
        if (key !== undefined && r.signingKeyFingerprint !== signingKeyFingerprint(key)) problems.push(`the opening report prints for trustee ${index} a fingerprint that is not its enrolled key's`);
        if (names.has(index) && r.name !== names.get(index)) problems.push(`the opening report names trustee ${index} "${String(r.name)}", the log "${names.get(index)}"`);
      }
    }
  }
  return { problems, summary: `${verified} signatures by ${keys.size} enrolled trustee keys` };
}
