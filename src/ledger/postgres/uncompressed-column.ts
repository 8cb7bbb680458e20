/**
 * SQL that keeps a column's large values out of line but uncompressed (STORAGE EXTERNAL).
 *
 * For the ledger's event data and the log's leaf data: a ballot is ~47 kB of JSON that is
 * mostly random hexadecimal, which pglz (the only TOAST compression of the embedded build: no
 * lz4) cannot shrink by the 25 % it asks, so every ballot was compressed in vain and then stored
 * as it was: a third of a backend's CPU on an append of one (perf). Values under ~2 kB were
 * never compressed anyway; a large, compressible event (a roll page) now takes more disk.
 *
 * Only when the column is not EXTERNAL yet: ALTER TABLE takes an ACCESS EXCLUSIVE lock, which a
 * restart of an instance beside others that are appending should not take every time. Rows
 * already stored stay as they are.
 */
export function uncompressedColumnSql(schema: string, table: string, column: string): string {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `
DO $uncompressed$
BEGIN
  IF EXISTS (
    SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${literal(schema)} AND c.relname = ${literal(table)} AND a.attname = ${literal(column)} AND a.attstorage <> 'e'
  ) THEN
    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET STORAGE EXTERNAL', ${literal(schema)}, ${literal(table)}, ${literal(column)});
  END IF;
END
$uncompressed$;`;
}
