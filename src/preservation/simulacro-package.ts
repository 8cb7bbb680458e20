/**
 * What the simulacro adds to its preservation step: the notary's recipient key and the opening
 * report. The key is URNA_PRESERVATION_RECIPIENT when configured; otherwise the simulacro plays
 * the notary and makes a key pair in <data>/notaria (private key 0600), printing where it is so
 * that `urna preservation-open` can open the confidential part afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import type { PreservationInput } from './acta-and-preservation';
import { ensureRecipientKeyFiles, recipientKeyFromEnv, RECIPIENT_ENV } from './recipient-key';
import { recipientFingerprint } from './sealed-file';

const m = messagesOf(cliMessages);

export function simulacroPackageInputs(
  dataDir: string,
  electionId: string,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Pick<PreservationInput, 'confidentialRecipient' | 'openingReport' | 'operationReportsDir'> {
  let confidentialRecipient = recipientKeyFromEnv();
  if (confidentialRecipient) {
    say(`  ${m.both('preservation.sealedTo')} ${RECIPIENT_ENV} (${m.both('preservation.fingerprint')} ${recipientFingerprint(confidentialRecipient)})`);
  } else {
    const keys = ensureRecipientKeyFiles(join(dataDir, 'notaria'));
    confidentialRecipient = keys.publicKey;
    say(
      `  ${m.both('preservation.notaryPrivateKey')}: ${keys.privateKeyPath} (0600); ${m.both('preservation.public')}: ${keys.publicKeyPath} (${m.both('preservation.fingerprint')} ${keys.fingerprint})`,
    );
  }
  // ElectionSetupService.open writes the opening report there (JSON canonical bytes + PDF).
  const base = join(dataDir, 'documents', `reporte-inicial-${electionId}`);
  const openingReport = existsSync(`${base}.json`)
    ? { json: readFileSync(`${base}.json`), ...(existsSync(`${base}.pdf`) ? { pdf: readFileSync(`${base}.pdf`) } : {}) }
    : undefined;
  // The operation reports (src/monitoring/operation-reports.ts), daily and final.
  const operationReportsDir = join(dataDir, 'documents', 'informes-operacion');
  return { confidentialRecipient, ...(openingReport ? { openingReport } : {}), ...(existsSync(operationReportsDir) ? { operationReportsDir } : {}) };
}
