/**
 * `urna monitoring …` (docs/spec/monitoring.md §8), on the service's data folder (--data) and
 * election (election.json, or --election):
 *   add-account --username <u> --role <role> --name <name> --email <e> --phone <+E.164> [--password-file <f>]
 *       an account created by the operator (the first official, or anyone when no official can
 *       sign in); without --password-file a password is drawn and printed once
 *   report --kind daily|final [--day YYYY-MM-DD]
 *       the operation report, signed with the log key, under <data>/documents/informes-operacion
 */
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readElectionFile } from '../config/election-file';
import { isMonitoringRole, MONITORING_ROLES, type MonitoringRole } from '../domain/monitoring/roles';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { messagesOf } from '../messages/catalog';
import { monitoringMessages } from '../messages/monitoring.messages';
import { nodeRandomSource } from '../roll/node-random-source';
import { LOG_SCHEMA, openRouteLedger, routeConfiguration, routeLogSigner } from '../route/route-ledger';
import { operationReportsDir, produceOperationReport } from '../monitoring/operation-reports';
import { MonitoringAccountService } from './monitoring-account-service';

const m = messagesOf(monitoringMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);

const role = (value: string): MonitoringRole => {
  if (!isMonitoringRole(value)) throw new InvalidArgumentError(`--role: ${MONITORING_ROLES.join(', ')}`);
  return value;
};

function electionOf(layout: Parameters<typeof readElectionFile>[0], given?: string): string {
  const id = given ?? readElectionFile(layout)?.electionId;
  if (!id) throw new InvalidArgumentError(`--election: ${m.both('cli.noElection')}`);
  return id;
}

interface AddAccountOptions {
  data: string;
  election?: string;
  username: string;
  role: MonitoringRole;
  name: string;
  email: string;
  phone: string;
  passwordFile?: string;
}

export async function addMonitoringAccount(o: AddAccountOptions): Promise<void> {
  const ledger = await openRouteLedger(resolve(o.data), say);
  try {
    const electionId = electionOf(ledger.layout, o.election);
    const drawn = o.passwordFile === undefined;
    const password = drawn ? randomBytes(12).toString('base64url') : readFileSync(resolve(o.passwordFile!), 'utf8').trim();
    const service = new MonitoringAccountService({
      store: ledger.store, commands: ledger.path.commands, electionId, random: nodeRandomSource, now: () => new Date(),
      // The console sends no code: the account signs in by itself later.
      sms: { send: async () => ({ messageId: 'unused' }) },
    });
    const { accountId, username } = await service.createAccount({ username: o.username, password, role: o.role, name: o.name, email: o.email, mobilePhone: o.phone }, { kind: 'operator' });
    say(m.both('cli.accountCreated', { username, role: o.role, accountId }));
    if (drawn) say(`${m.both('cli.passwordOnce')}: ${password}`);
  } finally {
    await ledger.close();
  }
}

export async function monitoringReport(o: { data: string; election?: string; kind: 'daily' | 'final'; day?: string }): Promise<void> {
  const ledger = await openRouteLedger(resolve(o.data), say);
  try {
    const electionId = electionOf(ledger.layout, o.election);
    const signer = await routeLogSigner(ledger, routeConfiguration(ledger, electionId));
    const log = new MerkleLog(ledger.pool, { schema: LOG_SCHEMA });
    const checkpoints = new CheckpointService(ledger.pool, log, signer, { schema: LOG_SCHEMA });
    const produced = await produceOperationReport({
      store: ledger.store, commands: ledger.path.commands, checkpoints, signer, electionId,
      outDir: operationReportsDir(ledger.layout.documents), snapshots: [], issuedBy: 'operator',
    }, o.kind, o.day);
    say(`${m.both('cli.reportWritten')}: ${produced.jsonPath} (sha256 ${produced.jsonSha256})`);
    say(`PDF: ${produced.pdfPath} (sha256 ${produced.pdfSha256})`);
  } finally {
    await ledger.close();
  }
}

export function monitoringCommand(): Command {
  const command = new Command('monitoring').description(m.both('cli.description'));
  const data = process.env.URNA_DATA_DIR ?? '.data';
  command.command('add-account')
    .description(m.both('cli.addAccount.description'))
    .requiredOption('--username <username>', m.both('cli.option.username'))
    .requiredOption('--role <role>', MONITORING_ROLES.join(' | '), role)
    .requiredOption('--name <name>', m.both('cli.option.name'))
    .requiredOption('--email <email>', m.both('cli.option.email'))
    .requiredOption('--phone <+E.164>', m.both('cli.option.phone'))
    .option('--password-file <file>', m.both('cli.option.passwordFile'))
    .option('--data <dir>', m.both('cli.option.data'), data)
    .option('--election <id>', m.both('cli.option.election'))
    .action((o: AddAccountOptions) => addMonitoringAccount(o));
  command.command('report')
    .description(m.both('cli.report.description'))
    .requiredOption('--kind <kind>', 'daily | final', (v: string) => {
      if (v !== 'daily' && v !== 'final') throw new InvalidArgumentError('daily | final');
      return v;
    })
    .option('--day <YYYY-MM-DD>', m.both('cli.option.day'))
    .option('--data <dir>', m.both('cli.option.data'), data)
    .option('--election <id>', m.both('cli.option.election'))
    .action((o: { data: string; election?: string; kind: 'daily' | 'final'; day?: string }) => monitoringReport(o));
  return command;
}
