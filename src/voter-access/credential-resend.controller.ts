/**
 * "No recibí mi contraseña / I did not get my password" (POST /api/voter/login/password-resend):
 * the voter gives their username and the e-mail address the roll has for them. The answer is
 * the same 202 for every well-formed request, given before the name is looked up (the work is
 * queued, CredentialResender), so it tells nobody whether the name exists. Under /login/ on
 * purpose: the sign-in door (src/http/sign-in-door.ts) and the per-address and per-username
 * throttlers (VoterThrottlerGuard, keyed on `username`) bound it like a sign-in.
 */
import { Body, Controller, HttpCode, Inject, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialResender } from '../credentials/credential-resender';
import { credentialText } from '../domain/credentials/credential-text';
import { VoterThrottlerGuard } from '../voting/voter-throttler.guard';
import { badRequest, voterApi, VotingErrorFilter } from '../voting/voting-errors';

function field(body: unknown, name: string, max: number): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > max) throw badRequest(voterApi.pair('error.fieldText', { field: name, max }), { field: name });
  return v;
}

@ApiTags('voter')
@Controller('api/voter/login')
@UseFilters(VotingErrorFilter)
@UseGuards(VoterThrottlerGuard)
export class CredentialResendController {
  constructor(@Inject(CredentialResender) private readonly resender: CredentialResender) {}

  @Post('password-resend')
  @HttpCode(202)
  @ApiOperation({ summary: credentialText.both('doc.passwordResend') })
  @ApiAcceptedResponse({ description: credentialText.both('resend.accepted') })
  ask(@Body() body: unknown): { accepted: true; message: string; mensaje: string } {
    const username = field(body, 'username', 64);
    const email = field(body, 'email', 254);
    this.resender.voterAsks(username, email);
    const text = credentialText.pair('resend.accepted');
    return { accepted: true, message: text.en, mensaje: text.es };
  }
}
