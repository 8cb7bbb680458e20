/**
 * `urna check-audited <audit code> --url <service> [--json]`: the voter's or an auditor's check
 * of an audited (Benaloh) ballot from a terminal, on any machine (issue 15, item 4). It fetches
 * the published ballot and disclosure (GET /api/board/audited/<code>) and the election's public
 * facts (GET /api/board/election), re-encrypts every choice from the disclosure and prints the
 * choices, with checkAuditedBallot: the same code the board page verificar.html runs
 * (docs/spec/crypto.md, "Checking an audited ballot from another device").
 * Exit 0 verified, 1 a check failed or nothing found, 2 usage.
 */
import { Command } from 'commander';
import { checkAuditedBallot, type AuditedElectionFacts, type PublishedAuditedBallot } from '../domain/voting/audited-ballot-check';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

const m = messagesOf(cliMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

export async function checkAudited(code: string, o: { url: string; json?: boolean }): Promise<number> {
  const base = o.url.replace(/\/+$/, '');
  const [published, facts] = await Promise.all([
    getJson<PublishedAuditedBallot & { logIndex: number; spoiledAt: string }>(`${base}/api/board/audited/${encodeURIComponent(code)}`),
    getJson<AuditedElectionFacts>(`${base}/api/board/election`),
  ]);
  if (published.status !== 200) {
    if (o.json) say(JSON.stringify({ ok: false, found: false, code }));
    else say(m.both('checkAudited.notFound', { code }));
    return 1;
  }
  const result = checkAuditedBallot(facts.body, published.body);
  if (o.json) {
    say(JSON.stringify({ ...result, logIndex: published.body.logIndex, spoiledAt: published.body.spoiledAt }, null, 2));
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    say(m.both('checkAudited.failed'));
    for (const f of result.failures) say(`  ✘ ${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`);
    return 1;
  }
  say(m.both('checkAudited.ok', { position: published.body.logIndex }));
  for (const c of result.choices) say(`  ${c.contest}: ${c.option}${c.candidate && c.candidate !== c.option ? ` — ${c.candidate}` : ''}`);
  return 0;
}

export function checkAuditedCommand(): Command {
  return new Command('check-audited')
    .description(m.both('checkAudited.description'))
    .argument('<code>', m.both('checkAudited.argument'))
    .requiredOption('--url <service>', m.both('checkAudited.option.url'))
    .option('--json', m.both('checkAudited.option.json'))
    .action(async (code: string, o: { url: string; json?: boolean }) => {
      process.exitCode = await checkAudited(code, o);
    });
}
