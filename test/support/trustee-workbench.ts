/**
 * The set-up of the specs where trustees act on a real ledger with their own SoftHSM tokens
 * (tally, trustee stations, the trustee's totals check): one PostgreSQL pool, `trustees` tokens,
 * a scratch folder, and a fresh ledger schema per scenario; all of it removed after the file.
 * Call it inside a `describe`: it registers its own beforeAll and afterAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { createSoftHsmFixture, type SoftHsmFixture } from '../hsm/softhsm-fixture';
import type { TrusteeToken } from './closed-election';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from './postgres';

export interface TrusteeWorkbench {
  readonly pool: Pool;
  readonly hsm: SoftHsmFixture;
  /** Trustee i+1's token, label and PIN. */
  readonly tokens: TrusteeToken[];
  /** A scratch folder of the spec file. */
  readonly dir: string;
  /** A new, migrated ledger schema (dropped after the file). */
  freshStore(): Promise<PostgresEventStore>;
}

export function useTrusteeWorkbench(name: string, trustees: number, options: { poolMax?: number } = {}): TrusteeWorkbench {
  const schemas: string[] = [];
  const stores: PostgresEventStore[] = [];
  const dir = mkdtempSync(join(tmpdir(), `urna-${name}-`));
  let pool: Pool | undefined;
  let hsm: SoftHsmFixture | undefined;
  let tokens: TrusteeToken[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the trustee workbench is used before its beforeAll ran');
    return value;
  };

  beforeAll(() => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: options.poolMax ?? 4 });
    hsm = createSoftHsmFixture(name.replace(/-/g, '_'), trustees);
    tokens = hsm.trustees.map((t, i) => ({ trusteeIndex: i + 1, tokenLabel: t.label, pin: t.pin }));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const s of schemas) await dropSchema(ready(pool), s);
    await pool?.end();
    hsm?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get pool() {
      return ready(pool);
    },
    get hsm() {
      return ready(hsm);
    },
    get tokens() {
      return tokens;
    },
    dir,
    async freshStore() {
      const schema = freshSchemaName(name.replace(/-/g, '_'));
      schemas.push(schema);
      const store = new PostgresEventStore(ready(pool), { schema });
      await store.migrate();
      stores.push(store);
      return store;
    },
  };
}
