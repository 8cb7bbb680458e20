/**
 * Reads of the projections for the public board: turnout, results, and which elections exist.
 * Plain SQL over the projection tables; no ledger reads here.
 */
import type { Pool } from 'pg';
import { qualified } from './projection';

export interface TurnoutView {
  electionId: string;
  rollSize: number;
  rollVersion: number | null;
  ballots: number;
  spoiled: number;
  /** Ballots per INEGI entity code (only entities with ballots or voters). */
  byEntity: Record<string, number>;
  /** Voters on the roll per entity, from the roll summary. */
  rollByEntity: Record<string, number>;
  byStyle: Record<string, number>;
  /** Ballots per hour (UTC, ISO instant of the hour's start), oldest first. */
  byHour: { hour: string; ballots: number }[];
  /** Ballots per hour and entity (history of each entity's turnout), oldest first; hours with none left out. */
  byEntityHour: { hour: string; entity: string; ballots: number }[];
  /** Ballots per minute over the last 60 minutes (minutes with none are left out). */
  lastHour: { minute: string; ballots: number }[];
  /** Ledger position up to which this view is computed. */
  asOfPosition: number;
}

export interface PublishedResults {
  electionId: string;
  /** True once TallyCompleted is recorded (every contest published). */
  complete: boolean;
  ballots: number | null;
  completedAt: string | null;
  /** In publication order (the tally publishes in acta order). */
  contests: { contestId: string; counts: { optionId: string; count: number }[]; trustees: number[]; position: number; recordedAt: string }[];
}

export interface BallotReceiptView {
  trackingCode: string;
  logIndex: number;
  castAt: string;
}

export class BoardQueries {
  constructor(private readonly pool: Pool, private readonly schema: string) {}

  private t(table: string): string {
    return qualified(this.schema, table);
  }

  /** The most recently seen election, used when a request names none. */
  async defaultElectionId(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ election_id: string }>(
      `SELECT election_id FROM ${this.t('turnout_elections')} ORDER BY first_position DESC LIMIT 1`,
    );
    return rows[0]?.election_id;
  }

  /** Whether the board has seen any event of this election (the live notices watch only those). */
  async electionExists(electionId: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM ${this.t('turnout_elections')} WHERE election_id = $1`, [electionId]);
    return rows.length > 0;
  }

  async elections(): Promise<string[]> {
    const { rows } = await this.pool.query<{ election_id: string }>(`SELECT election_id FROM ${this.t('turnout_elections')} ORDER BY first_position`);
    return rows.map((r) => r.election_id);
  }

  async turnout(electionId: string, now = new Date()): Promise<TurnoutView> {
    const [roll, totals, spoiled, byEntity, byStyle, byHour, lastHour, position, byEntityHour] = await Promise.all([
      this.pool.query<{ size: number; roll_version: number; per_entity: Record<string, number> }>(
        `SELECT size, roll_version, per_entity FROM ${this.t('turnout_roll')} WHERE election_id = $1`, [electionId]),
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t('turnout_ballots')} WHERE election_id = $1`, [electionId]),
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t('turnout_spoiled')} WHERE election_id = $1`, [electionId]),
      this.pool.query<{ entity: string; n: string }>(
        `SELECT coalesce(r.entity, '?') AS entity, count(*) AS n FROM ${this.t('turnout_ballots')} b
         LEFT JOIN ${this.t('turnout_roll_entries')} r ON r.election_id = b.election_id AND r.pseudonym = b.pseudonym
         WHERE b.election_id = $1 GROUP BY 1 ORDER BY 1`, [electionId]),
      this.pool.query<{ style_id: string; n: string }>(
        `SELECT style_id, count(*) AS n FROM ${this.t('turnout_ballots')} WHERE election_id = $1 GROUP BY 1 ORDER BY 1`, [electionId]),
      this.pool.query<{ hour: Date; n: string }>(
        `SELECT date_trunc('hour', cast_at) AS hour, count(*) AS n FROM ${this.t('turnout_ballots')} WHERE election_id = $1 GROUP BY 1 ORDER BY 1`, [electionId]),
      this.pool.query<{ minute: Date; n: string }>(
        `SELECT date_trunc('minute', cast_at) AS minute, count(*) AS n FROM ${this.t('turnout_ballots')}
         WHERE election_id = $1 AND cast_at > $2::timestamptz - interval '60 minutes' GROUP BY 1 ORDER BY 1`, [electionId, now.toISOString()]),
      this.pool.query<{ position: string }>(`SELECT position FROM ${this.t('projection_positions')} WHERE name = 'turnout'`),
      this.pool.query<{ hour: Date; entity: string; n: string }>(
        `SELECT date_trunc('hour', b.cast_at) AS hour, coalesce(r.entity, '?') AS entity, count(*) AS n FROM ${this.t('turnout_ballots')} b
         LEFT JOIN ${this.t('turnout_roll_entries')} r ON r.election_id = b.election_id AND r.pseudonym = b.pseudonym
         WHERE b.election_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [electionId]),
    ]);
    const rollByEntity = roll.rows[0]?.per_entity ?? {};
    const ballotsByEntity: Record<string, number> = {};
    for (const code of Object.keys(rollByEntity).sort()) ballotsByEntity[code] = 0;
    for (const r of byEntity.rows) ballotsByEntity[r.entity] = Number(r.n);
    return {
      electionId,
      rollSize: roll.rows[0]?.size ?? 0,
      rollVersion: roll.rows[0]?.roll_version ?? null,
      ballots: Number(totals.rows[0].n),
      spoiled: Number(spoiled.rows[0].n),
      byEntity: ballotsByEntity,
      rollByEntity,
      byStyle: Object.fromEntries(byStyle.rows.map((r) => [r.style_id, Number(r.n)])),
      byHour: byHour.rows.map((r) => ({ hour: r.hour.toISOString(), ballots: Number(r.n) })),
      byEntityHour: byEntityHour.rows.map((r) => ({ hour: r.hour.toISOString(), entity: r.entity, ballots: Number(r.n) })),
      lastHour: lastHour.rows.map((r) => ({ minute: r.minute.toISOString(), ballots: Number(r.n) })),
      asOfPosition: Number(position.rows[0]?.position ?? 0),
    };
  }

  /**
   * A cast ballot by its tracking code: the full 64 hex digits, or the readable code's 20 hex
   * digits (a prefix; more than one match is reported as ambiguous by returning none).
   * Ledger position = log leaf index (docs/spec/log.md §1).
   */
  async ballotByTrackingCode(code: string): Promise<BallotReceiptView | undefined> {
    if (!/^[0-9a-f]{20}([0-9a-f]{44})?$/.test(code)) return undefined;
    const { rows } = await this.pool.query<{ tracking_code: string; position: string; cast_at: Date }>(
      `SELECT tracking_code, position, cast_at FROM ${this.t('turnout_ballots')} WHERE tracking_code LIKE $1 || '%' LIMIT 2`, [code]);
    if (rows.length !== 1) return undefined;
    return { trackingCode: rows[0].tracking_code, logIndex: Number(rows[0].position), castAt: rows[0].cast_at.toISOString() };
  }

  /** Undefined until at least one contest is published. */
  async results(electionId: string): Promise<PublishedResults | undefined> {
    const [contests, tally] = await Promise.all([
      this.pool.query<{ contest_id: string; counts: { optionId: string; count: number }[]; trustees: number[]; position: string; recorded_at: Date }>(
        `SELECT contest_id, counts, trustees, position, recorded_at FROM ${this.t('results_contests')} WHERE election_id = $1 ORDER BY position`, [electionId]),
      this.pool.query<{ ballots: number; completed_at: Date }>(`SELECT ballots, completed_at FROM ${this.t('results_tally')} WHERE election_id = $1`, [electionId]),
    ]);
    if (!contests.rows.length) return undefined;
    return {
      electionId,
      complete: tally.rows.length > 0,
      ballots: tally.rows[0]?.ballots ?? null,
      completedAt: tally.rows[0]?.completed_at.toISOString() ?? null,
      contests: contests.rows.map((r) => ({ contestId: r.contest_id, counts: r.counts, trustees: r.trustees, position: Number(r.position), recordedAt: r.recorded_at.toISOString() })),
    };
  }

}
