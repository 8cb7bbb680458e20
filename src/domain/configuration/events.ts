/**
 * What happened to an election's configuration: past-tense, versioned, public facts. They are
 * all recorded on the stream `configuration-<process id>`. The manifest is recorded in pieces because, whole,
 * it exceeds one ledger event (the simulacro's is ~119 KB, an event at most 60 KiB):
 *   ElectionConfigured | ConfigurationAmended   the manual, the manifest without its contests,
 *                                               the contest index and the manifest hash;
 *   ContestOptionsRecorded × N                  one per contest instance, in index order.
 * Reassembled (manifest-recording.ts), they give back the manifest whose hash was recorded.
 */
import type { DomainEvent } from '../shared/decider';
import type { ElectionOpened } from '../lifecycle/events';
import type { ConfigurationIssue } from './configuration-issue';
import type { Scope } from './configuration-manual';
import type { ElectionManifest, ManifestContest } from './election-manifest';

export const ELECTION_CONFIGURED = 'ElectionConfigured';
export const CONFIGURATION_AMENDED = 'ConfigurationAmended';
export const CONTEST_OPTIONS_RECORDED = 'ContestOptionsRecorded';
export const CONTESTS_RATIFIED = 'ContestsRatified';
/** Defined and recorded by the lifecycle (src/domain/lifecycle/events.ts); the configuration
 * only needs to know that it happened: nothing may change after opening. */
export const ELECTION_OPENED = 'ElectionOpened';
export type { ElectionOpened };

/** The manifest without its contests (they follow in their own events). */
export type ManifestHeader = Omit<ElectionManifest, 'contests'>;

export interface ContestIndexEntry {
  id: string;
  scope: Scope;
  entity: string | null;
  options: number;
}

export interface ConfigurationRecordedData {
  processId: string;
  /** 1 for ElectionConfigured, then +1 per amendment. */
  configurationVersion: number;
  /** The manual exactly as handed to the notary, and its SHA-256 (hex, UTF-8 bytes). */
  manualText: string;
  manualSha256: string;
  /** SHA-256 (hex) of the whole manifest's canonical bytes (RFC 8785). */
  manifestHash: string;
  manifestHeader: ManifestHeader;
  /** The contest instances, in manifest order; each follows as ContestOptionsRecorded. */
  contestIndex: ContestIndexEntry[];
  /** Warnings validation gave (errors would have refused the command). */
  warnings: ConfigurationIssue[];
}

/* Schema versions live in the event catalog (configuration-event-catalog.ts): all are v1. */

export type ElectionConfigured = DomainEvent<typeof ELECTION_CONFIGURED, ConfigurationRecordedData>;

export type ConfigurationAmended = DomainEvent<typeof CONFIGURATION_AMENDED, ConfigurationRecordedData & { previousManifestHash: string; reason: string }>;

export type ContestOptionsRecorded = DomainEvent<
  typeof CONTEST_OPTIONS_RECORDED,
  { processId: string; configurationVersion: number; manifestHash: string; contest: ManifestContest }
>;

export interface ContestsRatified {
  type: typeof CONTESTS_RATIFIED;
  data: {
    processId: string;
    configurationVersion: number;
    /** What was ratified: this manifest, and within it these contest instances. */
    manifestHash: string;
    scope: Scope;
    entity: string | null;
    contests: string[];
    ratifiedByRole: 'ine-authority' | 'opl-representative';
  };
}

export type ConfigurationEvent = ElectionConfigured | ConfigurationAmended | ContestOptionsRecorded | ContestsRatified | ElectionOpened;
