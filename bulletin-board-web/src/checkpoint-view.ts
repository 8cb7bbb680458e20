/**
 * The log's integrity as the board shows it: the newest signed checkpoint, verified in this
 * browser, and the checkpoint history (GET /log/checkpoints): the log's size at each signed
 * checkpoint over time as a line, every note in a table behind a disclosure, each of them
 * verified here with the same key.
 */
import { getJson, getText, ApiError } from './api';
import { fmt, t, tKey } from './board-text';
import { lineChart } from './charts';
import { pinnedTrust } from './pinned-trust';
import { keyFingerprint } from '../../src/ledger/checkpoint/witness-policy';
import { byId, el } from './dom';
import { language } from './i18n';
import { instantText, zoneOf } from './layout';
import { fetchVerifiedCheckpoint, type VerifiedCheckpoint } from './log-verifier';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { toHex } from '../../src/ledger/merkle/encoding';
import { formatTime } from './time-format';
import { explanationBlock } from './verification-errors';

const api = { getJson, getText };

let latest: VerifiedCheckpoint | undefined;
let history: { sequence: number; size: number; signedAt: string; note: string; verified: boolean }[] = [];

export const latestCheckpoint = () => latest;

export async function loadCheckpoint(): Promise<VerifiedCheckpoint | undefined> {
  const status = byId('checkpoint-status');
  const failure = byId('checkpoint-failure');
  try {
    // The log key and the witnesses are remembered the first time and must not change; the
    // quorum of witnesses must have cosigned the checkpoint (witness-trust.ts, log.md §8.6).
    const trust = pinnedTrust();
    latest = await fetchVerifiedCheckpoint(api, trust);
    status.className = 'ok';
    status.textContent = `✔ ${t('checkpoint.signature.ok')}`;
    status.dataset.state = 'verified';
    failure.replaceChildren();
    byId('checkpoint-size').textContent = fmt(latest.checkpoint.size);
    byId('checkpoint-root').textContent = toHex(latest.checkpoint.rootHash);
    byId('checkpoint-key').textContent = `${latest.key.name} (${latest.keyId})`;
    byId('checkpoint-trust').textContent = tKey(`checkpoint.trust.${trust.describes}`);
    const policy = trust.policy;
    const cosigners = trust.last?.cosigners ?? [];
    byId('checkpoint-witnesses').textContent = !policy || policy.witnesses.length === 0
      ? t('checkpoint.noWitnesses')
      : t('checkpoint.cosignedBy', {
        count: cosigners.length, quorum: policy.quorum, total: policy.witnesses.length,
        names: cosigners.map((c) => `${c.name} (${keyFingerprint(policy.witnesses.find((w) => w.name === c.name)!.vkey)})`).join(', '),
      });
  } catch (err) {
    latest = undefined;
    const none = err instanceof ApiError && err.status === 404;
    status.className = none ? 'muted' : 'bad';
    status.textContent = none ? t('checkpoint.none') : `✘ ${t('checkpoint.signature.bad')}`;
    status.dataset.state = none ? 'none' : 'failed';
    failure.replaceChildren(...(none ? [] : [explanationBlock(err)]));
  }
  return latest;
}

/** The last `count` checkpoints, each verified with the log's key. */
export async function loadHistory(count = 60): Promise<void> {
  if (!latest) return;
  try {
    const first = await getJson<{ count: number }>('/log/checkpoints?start=0&end=1');
    const start = Math.max(0, first.count - count);
    const page = await getJson<{ checkpoints: { sequence: number; size: number; signedAt: string; note: string }[] }>(`/log/checkpoints?start=${start}&end=${first.count}`);
    const key = latest.key;
    history = page.checkpoints.map((c) => {
      let verified = false;
      try {
        verified = openCheckpoint(c.note, key).size === c.size;
      } catch {
        verified = false;
      }
      return { ...c, verified };
    });
  } catch {
    history = [];
  }
  renderHistory();
}

export function renderHistory(): void {
  const box = byId('checkpoint-history-chart');
  const table = byId<HTMLTableElement>('checkpoint-history-table');
  if (!history.length) {
    box.replaceChildren();
    table.replaceChildren();
    return;
  }
  const lang = language();
  const points = history.map((c) => ({ label: formatTime(c.signedAt, lang, zoneOf()), value: c.size }));
  box.replaceChildren(lineChart(points, { width: box.clientWidth || 320, summary: t('checkpoint.historySummary', { count: history.length, size: fmt(history[history.length - 1].size) }), format: fmt }));
  table.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'num' }, t('checkpoint.sequence')), el('th', { scope: 'col', class: 'num' }, t('checkpoint.size')), el('th', { scope: 'col' }, t('checkpoint.signedAt')))),
    el('tbody', {}, ...[...history].reverse().map((c) => el('tr', {},
      el('td', { class: 'num' }, el('a', { href: `/log/checkpoint?size=${c.size}` }, fmt(c.sequence))),
      el('td', { class: 'num' }, `${c.verified ? '✔' : '✘'} ${fmt(c.size)}`),
      el('td', {}, instantText(c.signedAt))))),
  );
}
