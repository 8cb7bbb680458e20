/**
 * This instance's part in writing the log, shared by the module that runs the writers and the
 * health endpoint: whether the writers are elected by the lease (and, once the loop runs, whether
 * this instance leads and under which epoch), run unconditionally, or not at all here.
 */
import type { LeadershipConfig } from './leadership-config';
import type { LogLeadership } from './log-leadership';

export type LogWriterRole =
  | { mode: 'lease'; holder: string; leading: boolean; epoch?: number }
  | { mode: 'unelected' }
  | { mode: 'none' };

export class LogWriterElection {
  /** Set when the lease loop starts. */
  leadership: LogLeadership | undefined;

  /** `config`: the lease settings; false: writers unelected; undefined: no writers here. */
  constructor(readonly config: LeadershipConfig | false | undefined) {}

  /** Whether this instance writes the log right now (the lease holder, or the only writer).
   * Work that must happen once per election, not once per instance — the e-mails that follow
   * the ledger, calls to the credential authority — runs where this is true. */
  get writesNow(): boolean {
    const role = this.role;
    return role.mode === 'unelected' || (role.mode === 'lease' && role.leading);
  }

  get role(): LogWriterRole {
    if (this.config === undefined) return { mode: 'none' };
    if (this.config === false) return { mode: 'unelected' };
    const epoch = this.leadership?.epoch;
    return { mode: 'lease', holder: this.config.holder, leading: epoch !== undefined, ...(epoch !== undefined ? { epoch } : {}) };
  }
}
