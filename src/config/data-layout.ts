import { join, resolve } from 'node:path';

/**
 * Where everything of one deployment lives under its data folder (URNA_DATA_DIR, `urna … --data`):
 * the one definition that `urna setup`, the route commands, the service (`npm start`), the
 * simulacro and the credential authority's process all read, so that a set-up and the service
 * started after it find the same database and sign the log with the same key. Before this there
 * were two (setup: postgres/data and log-signing.key; service: postgres/cluster and
 * keys/log-signing.key), and the service started on an empty ledger; legacy-layout.ts moves such
 * a folder to this one.
 */
export interface DataLayout {
  root: string;
  /** The embedded PostgreSQL cluster (its password beside it, `<cluster>.password`, 0600). */
  postgresCluster: string;
  /** The software key that signs the log's checkpoints (created 0600); URNA_LOG_KEY_FILE overrides. */
  logKeyFile: string;
  /** Which election this folder holds, written by `urna configure` / `urna setup` (election-file.ts). */
  electionFile: string;
  /** E-mails and SMS when no provider is configured. */
  outbox: string;
  /** The opening report (JSON + PDF) and other issued documents. */
  documents: string;
  /** The encrypted ballot box the closing exports. */
  exports: string;
  /** The trustees' stations when one machine plays them (simulacro, `urna setup`). */
  trustees: string;
  /** The credential authority's own folder, when this machine plays it. */
  credentialAuthority: string;
  /** The files carried between the service and the credential authority. */
  credentialHandover: string;
  /** The acta and the preservation package. */
  preservation: string;
  /** The notary's X25519 key pair when this machine plays the notary. */
  notary: string;
  /** The public board's files built on request (src/projections/board-downloads.ts): the ballot box when this instance did not write the export, the election record. */
  boardCache: string;
}

export function dataLayout(dataDir: string): DataLayout {
  const root = resolve(dataDir);
  return {
    root,
    postgresCluster: join(root, 'postgres', 'cluster'),
    logKeyFile: join(root, 'keys', 'log-signing.key'),
    electionFile: join(root, 'election.json'),
    outbox: join(root, 'outbox'),
    documents: join(root, 'documents'),
    exports: join(root, 'exports'),
    trustees: join(root, 'trustees'),
    credentialAuthority: join(root, 'autoridad-credenciales'),
    credentialHandover: join(root, 'credenciales-entrega'),
    preservation: join(root, 'preservacion'),
    notary: join(root, 'notaria'),
    boardCache: join(root, 'board-cache'),
  };
}

/** The encrypted ballot box the closing exports (src/closing/export-ballot-box.ts). */
export const ballotBoxExportFile = (layout: DataLayout, electionId: string): string => join(layout.exports, `urna-cifrada-${electionId}.jsonl`);

/** A trustee station's folder when this machine plays trustee k (1-based). */
export const trusteeFolder = (layout: DataLayout, k: number): string => join(layout.trustees, `trustee-${k}`);
