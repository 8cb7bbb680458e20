/**
 * The auditors' page (auditoria.html): what each public file is and where its format is
 * specified (docs/spec, served at /spec/…), how to run `urna verify`, the log key to pin, and
 * every slice of the log's entries.
 */
import { getJson } from './api';
import { fmt, t, type BoardKey } from './board-text';
import { byId, el } from './dom';
import { currentElection } from './layout';
import { fetchDownloads, fileItem, sliceLinks, SLICE } from './downloads-view';
import { loadCheckpoint, latestCheckpoint } from './checkpoint-view';

const SPECS: [string, BoardKey][] = [
  ['record.md', 'audit.spec.record'],
  ['log.md', 'audit.spec.log'],
  ['crypto.md', 'audit.spec.crypto'],
  ['crypto-ceremony-tally.md', 'audit.spec.ceremony'],
  ['documents.md', 'audit.spec.documents'],
  ['configuration.md', 'audit.spec.configuration'],
  ['roll-and-authentication.md', 'audit.spec.roll'],
];

export async function renderAudit(): Promise<void> {
  const [downloads] = await Promise.all([fetchDownloads(), loadCheckpoint()]);
  const e = currentElection();
  let vkey = '';
  try {
    vkey = (await getJson<{ vkey: string }>('/log/key')).vkey;
  } catch {
    vkey = '';
  }
  byId('audit-files').replaceChildren(
    el('ul', { class: 'files' },
      fileItem('/api/board/record', 'audit.file.record', t('audit.file.recordWhat'), downloads?.record, 'downloads.recordNotYet'),
      fileItem('/api/board/acta.pdf', 'downloads.acta', t('audit.file.actaWhat'), downloads?.actaPdf, e?.acta ? 'results.actaNotHere' : 'results.actaNotYet'),
      fileItem('/api/board/acta.json', 'results.actaJson', undefined, downloads?.actaJson, e?.acta ? 'results.actaNotHere' : 'results.actaNotYet'),
      ...(e?.phase === 'exported' ? [fileItem('/api/board/ballot-box.jsonl', 'downloads.ballotBox', t('audit.file.ballotBoxWhat'), undefined)] : []),
      fileItem('/log/checkpoint', 'downloads.checkpoint', t('audit.file.checkpointWhat'), undefined),
      fileItem('/log/key', 'downloads.key', t('audit.file.keyWhat'), undefined),
    ),
    el('p', { class: 'muted' }, t('audit.file.tilesWhat')),
  );
  byId('audit-vkey').textContent = vkey || '—';
  byId('audit-command').textContent = `npm run verify -- election-record --vkey '${vkey || '<vkey>'}'`;
  byId('audit-specs').replaceChildren(...SPECS.map(([file, key]) => el('li', {}, el('a', { href: `/spec/${file}` }, `${file}`), ` — ${t(key)}`)));
  const size = latestCheckpoint()?.checkpoint.size ?? 0;
  byId('audit-slices-count').textContent = t('audit.slicesCount', { slices: Math.ceil(size / SLICE), size: fmt(size) });
  byId('audit-slices').replaceChildren(sliceLinks(size));
}
