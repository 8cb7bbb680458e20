/**
 * The monitoring accounts' HTTP API (docs/spec/monitoring.md §3): sign in with password, then the
 * code sent by SMS; sign out; an official creates accounts. Every refusal has the shape
 * {error, message, mensaje}.
 */
import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { isMonitoringRole } from '../domain/monitoring/roles';
import { bearerToken } from './bearer-token';
import { MonitoringAccountService } from './monitoring-account-service';
import { monitoringApi, MonitoringErrorFilter, MonitoringHttpError } from './monitoring-errors';
import { SignInLimiter } from './sign-in-limiter';

const bad = (field: string) => new MonitoringHttpError(400, 'BAD_REQUEST', monitoringApi.pair('error.badRequest', { field }), { field });
const str = (body: unknown, field: string, max = 500): string => {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'string' || v.length > max) throw bad(field);
  return v;
};

@ApiTags('monitoring')
@Controller('api/monitoring')
@UseFilters(MonitoringErrorFilter)
export class MonitoringAccountsController {
  constructor(
    private readonly accounts: MonitoringAccountService,
    @Inject(SignInLimiter) private readonly limiter: SignInLimiter,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: Request) {
    const username = str(body, 'username', 100);
    const password = str(body, 'password', 256);
    await this.limiter.spend(req.ip ?? '', `user:${username.trim().toLowerCase()}`);
    return this.accounts.signIn(username, password);
  }

  @Post('login/confirm')
  @HttpCode(200)
  async confirm(@Body() body: unknown, @Req() req: Request) {
    const challengeId = str(body, 'challengeId', 100);
    const code = str(body, 'code', 20);
    await this.limiter.spend(req.ip ?? '', `challenge:${challengeId}`);
    return this.accounts.confirm(challengeId, code);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request): Promise<void> {
    await this.accounts.signOut(bearerToken(req));
  }

  /** An official creates an account; the new person receives nothing until they sign in. */
  @Post('accounts')
  @HttpCode(201)
  async create(@Body() body: unknown, @Req() req: Request) {
    const official = await this.accounts.authorize(bearerToken(req), 'accounts.create');
    const role = (body as { role?: unknown } | undefined)?.role;
    if (!isMonitoringRole(role)) throw bad('role');
    return this.accounts.createAccount({
      username: str(body, 'username', 100), password: str(body, 'password', 256), role,
      name: str(body, 'name', 200), email: str(body, 'email', 254), mobilePhone: str(body, 'mobilePhone', 20),
    }, { kind: 'account', accountId: official.accountId, role: official.role });
  }
}
