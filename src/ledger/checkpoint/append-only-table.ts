/**
 * Makes a table of the log's signed history append-only inside PostgreSQL itself: a row can be
 * inserted, never updated or deleted, and the table never truncated, whoever holds a connection.
 * The triggers call `<schema>.refuse_checkpoint_change()`, which CheckpointService.migrate
 * creates; run inside the caller's migration transaction.
 */
import type { PoolClient } from 'pg';

export async function refuseChangesTo(client: PoolClient, quotedSchema: string, table: string): Promise<void> {
  const target = `${quotedSchema}.${table}`;
  await client.query(`DROP TRIGGER IF EXISTS append_only ON ${target}`);
  await client.query(
    `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${target} FOR EACH ROW EXECUTE FUNCTION ${quotedSchema}.refuse_checkpoint_change()`,
  );
  await client.query(`DROP TRIGGER IF EXISTS no_truncate ON ${target}`);
  await client.query(
    `CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${target} FOR EACH STATEMENT EXECUTE FUNCTION ${quotedSchema}.refuse_checkpoint_change()`,
  );
}
