/**
 * The PostgreSQL ledger's tables and its append function, all inside one schema.
 *
 * Why a function: one append is then one round trip and one implicit transaction. The client
 * gets its answer only after the transaction has committed (the server sends ReadyForQuery
 * after COMMIT, and with synchronous_commit on, after the WAL is flushed), so a resolved append
 * is a durable append.
 *
 * Why a one-row head table: positions come from `UPDATE head SET next_position = next + n`,
 * whose row lock is held until the transaction ends, i.e. after its commit record is flushed
 * and it became visible. The next writer can only take its positions afterwards, so positions
 * are dense, assigned in commit order, and a reader never sees position p+1 before p. A
 * bigserial would leave gaps on rollback and could commit out of order.
 *
 * Why a streams table: its row is the per-stream lock and holds the current revision, so the
 * expected-revision check and the idempotency check see the stream as the last committed writer
 * left it; `UNIQUE (stream, revision)` on events backs this up.
 *
 * Why append_group: the head lock is held until the commit is flushed, so appends queue behind
 * each other's WAL flush, one flush each. append_group runs several appends (of any streams) in
 * one transaction, each in its own subtransaction, so one that fails (wrong revision, id
 * conflict) is undone alone and reported in its row while the others commit: one flush for
 * them all (group commit). Each append is still exactly `append` (same checks, same locks), and
 * the caller hears of none before the single commit.
 */

import { uncompressedColumnSql } from './uncompressed-column';

/** Only plain lower-case identifiers, so the schema name can be interpolated into SQL. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

export function assertSchemaName(schema: string): void {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid ledger schema name "${schema}": use lower-case letters, digits and _`);
}

/** The channel on which appends announce the new head (LISTEN/NOTIFY). */
export const notifyChannel = (schema: string): string => `urna_ledger_${schema}`;

/** SQLSTATEs raised by the append function (class "UR" is ours, unused by PostgreSQL). */
export const SQLSTATE_WRONG_REVISION = 'UR001';
export const SQLSTATE_ID_CONFLICT = 'UR002';

/** Stream states encoded as negative expected revisions for the append function. */
export const EXPECTED_NO_STREAM = -1;
export const EXPECTED_ANY = -2;
export const EXPECTED_STREAM_EXISTS = -3;

export function ledgerSchemaSql(schema: string): string {
  assertSchemaName(schema);
  const s = `"${schema}"`;
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  next_position bigint NOT NULL CHECK (next_position >= 0)
);
INSERT INTO ${s}.head (only_row, next_position) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream text PRIMARY KEY,
  -- revision of the stream's last event; -1 only inside an append creating the stream
  revision bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS ${s}.events (
  position bigint PRIMARY KEY CHECK (position >= 0),
  id uuid NOT NULL UNIQUE,
  stream text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  type text NOT NULL,
  version integer NOT NULL,
  -- json (not jsonb) keeps the text exactly as written, key order included
  data json NOT NULL,
  metadata json NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('public', 'sealed')),
  salt text CHECK ((visibility = 'sealed') = (salt IS NOT NULL)),
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream, revision)
);
${uncompressedColumnSql(schema, 'events', 'data')}

CREATE OR REPLACE FUNCTION ${s}.append(p_stream text, p_expected bigint, p_events json, p_check_ids boolean)
RETURNS TABLE (out_position bigint, out_revision bigint, out_recorded_at timestamptz, out_duplicate boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count bigint := json_array_length(p_events);
  v_current bigint;
  v_found bigint;
  v_same_stream boolean;
  v_offsets bigint;
  v_first bigint;
  v_now timestamptz;
BEGIN
  -- Lock the stream's row (creating it if new): writers of one stream queue here.
  INSERT INTO ${s}.streams AS st (stream, revision) VALUES (p_stream, -1)
    ON CONFLICT (stream) DO UPDATE SET revision = st.revision
    RETURNING st.revision INTO v_current;

  -- A retry of an append that already committed (same ids, same order, same stream)
  -- returns the original result and writes nothing.
  IF p_check_ids THEN
    SELECT count(*), bool_and(e.stream = p_stream), count(DISTINCT e.revision - (x.ev->>'n')::bigint)
      INTO v_found, v_same_stream, v_offsets
      FROM json_array_elements(p_events) AS x(ev)
      JOIN ${s}.events e ON e.id = (x.ev->>'id')::uuid;
    IF v_found = v_count AND v_same_stream AND v_offsets = 1 THEN
      RETURN QUERY SELECT e.position, e.revision, e.recorded_at, true
        FROM json_array_elements(p_events) AS x(ev)
        JOIN ${s}.events e ON e.id = (x.ev->>'id')::uuid
        ORDER BY e.revision;
      RETURN;
    ELSIF v_found > 0 THEN
      RAISE EXCEPTION USING ERRCODE = '${SQLSTATE_ID_CONFLICT}', MESSAGE = v_found::text;
    END IF;
  END IF;

  IF (p_expected >= 0 AND p_expected <> v_current)
     OR (p_expected = ${EXPECTED_NO_STREAM} AND v_current <> -1)
     OR (p_expected = ${EXPECTED_STREAM_EXISTS} AND v_current = -1) THEN
    RAISE EXCEPTION USING ERRCODE = '${SQLSTATE_WRONG_REVISION}', MESSAGE = v_current::text;
  END IF;

  -- Positions: this row lock is held until after COMMIT (see the file's comment).
  UPDATE ${s}.head SET next_position = next_position + v_count
    RETURNING next_position - v_count INTO v_first;
  v_now := date_trunc('milliseconds', clock_timestamp());

  RETURN QUERY
    INSERT INTO ${s}.events (position, id, stream, revision, type, version, data, metadata, visibility, salt, recorded_at)
    SELECT v_first + x.n, x.id, p_stream, v_current + 1 + x.n, x.type, x.version, x.data, x.metadata, x.visibility, x.salt, v_now
      FROM json_to_recordset(p_events) AS x(n bigint, id uuid, type text, version integer, data json, metadata json, visibility text, salt text)
    RETURNING position, revision, recorded_at, false;

  UPDATE ${s}.streams SET revision = v_current + v_count WHERE stream = p_stream;
  PERFORM pg_notify('${notifyChannel(schema)}', (v_first + v_count)::text);
END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.append_group(p_appends json)
RETURNS TABLE (out_item integer, out_position bigint, out_revision bigint, out_recorded_at timestamptz, out_duplicate boolean, out_error_code text, out_error_message text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_item integer := 0;
  v_append json;
  v_code text;
  v_message text;
BEGIN
  FOR v_append IN SELECT value FROM json_array_elements(p_appends) LOOP
    BEGIN
      RETURN QUERY SELECT v_item, a.out_position, a.out_revision, a.out_recorded_at, a.out_duplicate, NULL::text, NULL::text
        FROM ${s}.append(v_append->>'stream', (v_append->>'expected')::bigint, v_append->'events', (v_append->>'checkIds')::boolean) AS a;
    EXCEPTION WHEN OTHERS THEN
      -- This append alone is rolled back (its subtransaction); the others go on. Only an
      -- append's own refusals (and a deadlock, which the client retries alone) are reported
      -- per append; anything else fails the whole group.
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
      IF v_code NOT IN ('${SQLSTATE_WRONG_REVISION}', '${SQLSTATE_ID_CONFLICT}', '23505', '40P01') THEN
        RAISE;
      END IF;
      RETURN QUERY SELECT v_item, NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::boolean, v_code, v_message;
    END;
    v_item := v_item + 1;
  END LOOP;
END
$fn$;
`;
}
