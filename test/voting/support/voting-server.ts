/** The voting service in its own process (crash test): env → createVotingApp → listen; prints "PORT <n>". */
import { createVotingApp } from './voting-app';

async function main() {
  const env = process.env;
  const app = await createVotingApp({
    databaseUrl: env.DATABASE_URL!, ledgerSchema: env.VOTING_LEDGER_SCHEMA!, electionId: env.VOTING_ELECTION_ID!,
    outboxDir: env.VOTING_OUTBOX_DIR!, keyFile: env.VOTING_KEY_FILE!,
  });
  await app.listen(Number(env.VOTING_PORT ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : ''}\n`);
}
main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
