/**
 * Every surface's message catalog, by surface name. test/messages/catalogs.spec.ts checks each
 * one (both languages for every key, templates render their examples). A new surface's
 * catalog is src/messages/<surface>.messages.ts, added here.
 */
import { boardMessages } from './board.messages';
import { boothMessages } from './booth.messages';
import type { Catalog } from './catalog';
import { cliMessages } from './cli.messages';
import { credentialMessages } from './credentials.messages';
import { documentMessages } from './documents.messages';
import { domainMessages } from './domain.messages';
import { logApiMessages } from './log-api.messages';
import { simulacroMessages } from './simulacro.messages';
import { startupMessages } from './startup.messages';
import { monitorMessages } from './monitor.messages';
import { monitoringMessages } from './monitoring.messages';
import { trusteeStationMessages } from './trustee-station.messages';
import { verifierMessages } from './verifier.messages';
import { voterApiMessages } from './voter-api.messages';
import { voterMessages } from './voter-messages.messages';
import { witnessMessages } from './witness.messages';

export const ALL_CATALOGS = {
  /** The voter's booth: bulletin-board-web/public/booth.html and src/booth.ts. */
  booth: boothMessages,
  /** The public bulletin board: bulletin-board-web/public/index.html and src/board.ts. */
  board: boardMessages,
  /** The official documents and their PDFs: src/documents. */
  documents: documentMessages,
  /** The officials' console (urna, simulacro) and the typed errors of set-up, ceremony, roll,
   * tokens, closing, tally and preservation: src/cli, src/setup, src/ceremony, src/roll, src/hsm,
   * src/closing, src/tally, src/preservation, src/simulacro. */
  cli: cliMessages,
  /** What voters receive (credential e-mail, one-time-code SMS) and the senders' errors: src/messaging. */
  voterMessages: voterMessages,
  /** The voter's and the board's HTTP API (refusals, OpenAPI summaries) and the voter's way in:
   * src/voting, src/authentication. */
  voterApi: voterApiMessages,
  /** The transparency log's read API (/log/*: JSON API and C2SP tiles): src/bulletin-board. */
  logApi: logApiMessages,
  /** What the pure domain says: deciders' refusals (DomainError), manual and roll-file issues,
   * the ceremony's progress: src/domain. */
  domain: domainMessages,
  /** What auditors read from the verifier (`urna verify`, `urna verify --package`): usage and
   * argument errors, the titles of checks V1–V18 and P1–P7, the summaries, verdicts and the
   * notice about a key the record carries: src/verifier. */
  verifier: verifierMessages,
  /** Voters' credentials and the credential authority: the credential list's and the voting
   * rules' refusals, the service's import, `urna credentials …`: src/domain/credentials,
   * src/credentials. */
  credentials: credentialMessages,
  /** What a trustee reads at their own station (`urna trustee …`): src/trustee-station. */
  trusteeStation: trusteeStationMessages,
  /** The transparency log's witness (`urna witness …`) and its add-checkpoint refusals: src/witness. */
  witness: witnessMessages,
  /** Monitoring for parties, observers, auditors and officials (numerals 26–28): the accounts'
   * refusals, monitoreo.html, `urna monitoring …` and the operation reports: src/domain/monitoring,
   * src/monitoring-accounts, src/monitoring. */
  monitoring: monitoringMessages,
  /** The log monitor anyone can run (`urna monitor`): its anomalies, progress and usage: src/monitor. */
  logMonitor: monitorMessages,
  /** What the service says about its own state: why it could not start (src/main.ts,
   * src/faults/startup-failure.ts), a stale embedded PostgreSQL it stopped or restarted, and
   * the 503 every request gets while the database is out of reach: src/faults, src/ledger/postgres. */
  startup: startupMessages,
  /** The simulacro's phase times and its --keep-open session (voting by hand): src/simulacro. */
  simulacro: simulacroMessages,
} satisfies Record<string, Catalog>;

export type Surface = keyof typeof ALL_CATALOGS;
