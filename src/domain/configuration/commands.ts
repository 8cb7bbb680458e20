/** What officials ask of the configuration. Each is decided by decide.ts. */
import type { Actor } from './actors';

/** Load the manual (its exact text, as handed to the notary) for the first time. */
export interface ConfigureElection {
  type: 'ConfigureElection';
  data: { manualText: string };
  actor: Actor;
}

/** Replace the manual before opening; every ratification must then be given again. */
export interface AmendConfiguration {
  type: 'AmendConfiguration';
  data: {
    manualText: string;
    /** The configuration version the amendment was written against (optimistic check). */
    basedOnVersion: number;
    /** Why, for the record (es-MX). */
    reason: string;
  };
  actor: Actor;
}

/** An authority confirms that the contests it answers for are configured as its ballots say:
 * `federal` by the national authority, `local` by the OPL of `entity`. `manifestHash` is the
 * hash of the manifest they reviewed: a ratification of anything else is refused. */
export interface RatifyContests {
  type: 'RatifyContests';
  data: {
    scope: 'federal' | 'local';
    /** INEGI code; required for `local`, absent for `federal`. */
    entity?: string;
    manifestHash: string;
  };
  actor: Actor;
}

export type ConfigurationCommand = ConfigureElection | AmendConfiguration | RatifyContests;
