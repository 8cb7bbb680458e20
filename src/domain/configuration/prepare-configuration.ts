/**
 * One entry point from the manual's text to what gets recorded: parse, validate (every
 * problem), and, only if there is no error, derive the manifest and hash it.
 */
import { hasErrors, type ConfigurationIssue } from './configuration-issue';
import type { ConfigurationManual } from './configuration-manual';
import { deriveElectionManifest } from './derive-manifest';
import type { ElectionManifest } from './election-manifest';
import { manifestHashHex, manualTextHashHex } from './manifest-hash';
import { parseConfigurationManual } from './parse-manual';
import { validateConfigurationManual } from './validate-manual';

export type PreparedConfiguration =
  | {
      ok: true;
      manual: ConfigurationManual;
      manualSha256: string;
      manifest: ElectionManifest;
      manifestHash: string;
      /** Warnings only. */
      issues: ConfigurationIssue[];
    }
  | { ok: false; issues: ConfigurationIssue[] };

export function prepareConfiguration(manualText: string): PreparedConfiguration {
  const parsed = parseConfigurationManual(manualText);
  // Semantic checks on a structurally broken manual would mostly repeat the same problems.
  const issues = hasErrors(parsed.issues) && parsed.manual.contests.length === 0 && parsed.manual.parties.length === 0
    ? parsed.issues
    : [...parsed.issues, ...validateConfigurationManual(parsed.manual)];
  if (hasErrors(issues)) return { ok: false, issues };
  const manifest = deriveElectionManifest(parsed.manual);
  return { ok: true, manual: parsed.manual, manualSha256: manualTextHashHex(manualText), manifest, manifestHash: manifestHashHex(manifest), issues };
}
