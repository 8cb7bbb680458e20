/**
 * The monitoring accounts' way in (docs/spec/monitoring.md §3), over ports: the ledger (read),
 * the command bus (every change, judged by the account decider), an SMS sender, a RandomSource
 * and a clock. It gathers facts (does the password match its scrypt hash), draws ids, codes and
 * tokens, and sends the code; every decision is the decider's.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import type { EventStore } from '../ledger/event-store';
import type { SmsSender } from '../messaging/ports';
import { newOneTimeCode, newOpaqueId } from '../domain/authentication/secrets';
import { monitoringAccountDecider, type AccountCreator } from '../domain/monitoring/account-decider';
import { monitoringAccountStream } from '../domain/monitoring/events';
import { MonitoringPolicy } from '../domain/monitoring/policy';
import type { MonitoringResource, MonitoringRole } from '../domain/monitoring/roles';
import {
  accountOfHandle, canonicalMonitoringUsername, monitoringAccountId, monitoringCodeHash, monitoringSessionHash, newMonitoringToken,
} from '../domain/monitoring/secrets';
import type { RandomSource } from '../domain/roll/random-source';
import { DecideMonitoringAccountCommand } from './monitoring.commands';
import { monitoringApi, MonitoringHttpError } from './monitoring-errors';
import { DEFAULT_SCRYPT_LOG_N, hashMonitoringPassword, monitoringPasswordMatches, NOBODYS_HASH } from './password-hash';

export interface MonitoringAccountPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  random: RandomSource;
  sms: SmsSender;
  now: () => Date;
  /** scrypt cost of new passwords, as log2(N). Default 15. */
  scryptLogN?: number;
}

export interface NewMonitoringAccount {
  username: string;
  password: string;
  role: MonitoringRole;
  name: string;
  email: string;
  mobilePhone: string;
}

/** Who a session is: what a granted request learns. */
export interface MonitoringPrincipal {
  accountId: string;
  username: string;
  role: MonitoringRole;
  sessionId: string;
}

const signInFailed = () => new MonitoringHttpError(401, 'SIGN_IN_FAILED', monitoringApi.pair('error.signInFailed'));
const unauthenticated = () => new MonitoringHttpError(401, 'UNAUTHENTICATED', monitoringApi.pair('error.unauthenticated'));

export class MonitoringAccountService {
  constructor(private readonly p: MonitoringAccountPorts) {}

  private iso(): string {
    return this.p.now().toISOString();
  }

  private command(accountId: string, decision: ConstructorParameters<typeof DecideMonitoringAccountCommand>[2], actor: string) {
    return this.p.commands.execute(new DecideMonitoringAccountCommand(this.p.electionId, accountId, decision, { actor }));
  }

  private async account(accountId: string) {
    return (await loadState(this.p.store, monitoringAccountStream(this.p.electionId, accountId), monitoringAccountDecider)).state;
  }

  async createAccount(input: NewMonitoringAccount, createdBy: AccountCreator): Promise<{ accountId: string; username: string }> {
    const username = canonicalMonitoringUsername(input.username);
    if (username === undefined) throw new MonitoringHttpError(400, 'INVALID_MONITORING_ACCOUNT', monitoringApi.pair('error.invalidAccount', { field: 'username' }));
    if (typeof input.password !== 'string' || input.password.length < MonitoringPolicy.minPasswordLength || input.password.length > 256) {
      throw new MonitoringHttpError(400, 'INVALID_MONITORING_ACCOUNT', monitoringApi.pair('error.invalidAccount', { field: 'password' }));
    }
    const accountId = monitoringAccountId(this.p.electionId, username);
    const passwordHash = await hashMonitoringPassword(input.password, this.p.scryptLogN ?? DEFAULT_SCRYPT_LOG_N);
    await this.command(accountId, {
      type: 'CreateMonitoringAccount', accountId, username, role: input.role, name: input.name, email: input.email,
      mobilePhone: input.mobilePhone, passwordHash, createdBy, now: this.iso(),
    }, createdBy.kind === 'operator' ? 'operator:monitoring' : `monitoring:${createdBy.accountId}`);
    return { accountId, username };
  }

  /**
   * Step 1: username and password. A known account is answered with a challenge id and gets a
   * code by SMS; an unknown username, a wrong password or a locked account get the same 401
   * after the same scrypt work (an unknown name is checked against a hash nobody matches).
   */
  async signIn(typedUsername: unknown, password: unknown): Promise<{ challengeId: string }> {
    const username = canonicalMonitoringUsername(typedUsername);
    const accountId = username === undefined ? undefined : monitoringAccountId(this.p.electionId, username);
    const state = accountId === undefined ? undefined : await this.account(accountId);
    const matches = await monitoringPasswordMatches(typeof password === 'string' ? password.slice(0, 256) : '', state?.account?.passwordHash ?? NOBODYS_HASH);
    if (!accountId || !state?.account) throw signInFailed();
    const codeId = newOpaqueId(this.p.random);
    const code = newOneTimeCode(this.p.random);
    const { events } = await this.command(accountId, {
      type: 'SubmitMonitoringPassword', passwordMatches: matches, newCode: { codeId, codeHash: monitoringCodeHash(codeId, code) }, now: this.iso(),
    }, `monitoring:${accountId}`);
    if (!events.some((e) => e.type === 'MonitoringCodeIssued')) throw signInFailed();
    // A gateway failure is counted by the sender's statistics; the person asks again.
    await this.p.sms.send({ to: state.account.mobilePhone, text: monitoringApi.text('sms.code', 'es', { code, minutes: MonitoringPolicy.codeTtlMinutes })
      + '\n' + monitoringApi.text('sms.code', 'en', { code, minutes: MonitoringPolicy.codeTtlMinutes }), kind: 'monitoring-code' }).catch(() => undefined);
    return { challengeId: `${accountId}.${codeId}` };
  }

  /** Step 2: the challenge id and the code from the phone → a session token. */
  async confirm(challengeId: unknown, code: unknown): Promise<{ sessionToken: string; role: MonitoringRole; expiresAt: string }> {
    const accountId = accountOfHandle(challengeId);
    const reject = (reason: string) => new MonitoringHttpError(401, 'CODE_REJECTED', monitoringApi.pair('error.codeRejected', { reason }), { reason });
    if (accountId === undefined || typeof code !== 'string') throw reject('unknown_code');
    const state = await this.account(accountId);
    if (!state.account) throw reject('unknown_code');
    const codeId = (challengeId as string).slice(accountId.length + 1);
    const token = newMonitoringToken(this.p.random, accountId);
    const sessionId = newOpaqueId(this.p.random);
    const { events } = await this.command(accountId, {
      type: 'VerifyMonitoringCode', codeId, typedHash: monitoringCodeHash(codeId, code.trim()),
      newSession: { sessionId, tokenHash: monitoringSessionHash(token) }, now: this.iso(),
    }, `monitoring:${accountId}`);
    const started = events.find((e) => e.type === 'MonitoringSessionStarted');
    if (!started) {
      const rejected = events.find((e) => e.type === 'MonitoringCodeRejected');
      throw reject(rejected?.type === 'MonitoringCodeRejected' ? rejected.data.reason : 'unknown_code');
    }
    return { sessionToken: token, role: state.account.role, expiresAt: (started.data as { expiresAt: string }).expiresAt };
  }

  /**
   * Every request of a session: judged by the decider against the role's entitlements and
   * logged as a sealed MonitoringAccessed, granted or not. No token, or one naming no account:
   * 401 (nothing to log it on). A refused session: 401; a role not entitled: 403.
   */
  async authorize(token: string | undefined, resource: MonitoringResource): Promise<MonitoringPrincipal> {
    const accountId = accountOfHandle(token);
    if (token === undefined || accountId === undefined) throw unauthenticated();
    const state = await this.account(accountId);
    if (!state.account) throw unauthenticated();
    const { events } = await this.command(accountId, { type: 'AuthorizeMonitoringAccess', tokenHash: monitoringSessionHash(token), resource, now: this.iso() }, `monitoring:${accountId}`);
    const access = events.find((e) => e.type === 'MonitoringAccessed');
    if (access?.type !== 'MonitoringAccessed') throw unauthenticated();
    if (!access.data.granted) {
      throw access.data.reason === 'not_entitled'
        ? new MonitoringHttpError(403, 'FORBIDDEN', monitoringApi.pair('error.forbidden'))
        : unauthenticated();
    }
    return { accountId, username: state.account.username, role: state.account.role, sessionId: access.data.sessionId };
  }

  async signOut(token: string | undefined): Promise<void> {
    const accountId = accountOfHandle(token);
    if (token === undefined || accountId === undefined) return;
    if (!(await this.account(accountId)).account) return;
    await this.command(accountId, { type: 'EndMonitoringSession', tokenHash: monitoringSessionHash(token), now: this.iso() }, `monitoring:${accountId}`);
  }
}
