/**
 * The log's side of C2SP tlog-witness: one add-checkpoint request to one witness. It never
 * throws for what a witness answers (a down or refusing witness only delays the quorum); it
 * returns what happened so the cosigner can retry with the size a 409 names.
 */
import { formatAddCheckpoint } from '../../witness/add-checkpoint-request';

export type WitnessReply =
  | { kind: 'cosigned'; lines: string[] }
  | { kind: 'conflict'; size: number }
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'unreachable'; reason: string };

export async function addCheckpoint(url: string, oldSize: number, proof: readonly Uint8Array[], note: string, timeoutMs = 5000): Promise<WitnessReply> {
  let res: Response;
  try {
    res = await fetch(`${url}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpoint(oldSize, proof, note),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { kind: 'unreachable', reason: (err as Error).message };
  }
  const body = await res.text().catch(() => '');
  if (res.status === 200) return { kind: 'cosigned', lines: body.split('\n').filter((l) => l.length > 0) };
  if (res.status === 409 && (res.headers.get('content-type') ?? '').startsWith('text/x.tlog.size') && /^(0|[1-9][0-9]*)\n?$/.test(body)) {
    return { kind: 'conflict', size: Number(body.trim()) };
  }
  return { kind: 'refused', status: res.status, reason: body.slice(0, 500).trim() };
}
