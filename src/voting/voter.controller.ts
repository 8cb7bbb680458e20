/** The voter's API (booth): thin — validation, OpenAPI, then VotingService. */
import { Body, Controller, Get, Headers, HttpCode, Ip, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { VoterThrottlerGuard } from './voter-throttler.guard';
import { CastDto, ChallengeDto, ConfirmCodeDto, ErrorDto, LoginChallengeDto, LoginDto, ReceiptDto, SessionDto, SpoilDto, SpoiledDto, VoterBallotDto, VoterStatusDto } from './voting-api.dto';
import { badRequest, voterApi, VotingErrorFilter, VotingHttpError } from './voting-errors';
import { VotingService } from './voting.service';
import { PUBLIC_KEY_HEX, SIGNATURE_HEX } from '../domain/crypto/credential/credential-signature';
import { credentialText } from '../domain/credentials/credential-text';

function text(body: unknown, field: string, max = 256): string {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    throw badRequest(voterApi.pair('error.fieldText', { field, max }), { field });
  }
  return v;
}

/** The 32 bytes that open a ballot's voter binding: 64 lowercase hexadecimal digits. */
function bindingNonce(body: unknown): string {
  const v = (body as Record<string, unknown> | undefined)?.bindingNonce;
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) {
    throw badRequest('error.bindingNonce', { field: 'bindingNonce' });
  }
  return v;
}

/** The public credential the ballot is signed with, and the signature: both required (a ballot without them is refused). */
function castSignature(body: unknown): { credential: string; signature: string } {
  const b = body as Record<string, unknown> | undefined;
  if (typeof b?.signature !== 'string' || !SIGNATURE_HEX.test(b.signature)) throw badRequest(credentialText.pair('api.signature'), { field: 'signature' });
  if (typeof b.credential !== 'string' || !PUBLIC_KEY_HEX.test(b.credential)) throw badRequest(credentialText.pair('api.credential'), { field: 'credential' });
  return { credential: b.credential, signature: b.signature };
}

function bearer(authorization: string | undefined): string {
  const m = typeof authorization === 'string' ? /^Bearer ([^\s]{1,200})$/.exec(authorization.trim()) : null;
  if (!m) throw new VotingHttpError(401, 'SESSION_INVALID', 'error.signInFirst');
  return m[1];
}

@ApiTags('voter')
@Controller('api/voter')
@UseFilters(VotingErrorFilter)
@UseGuards(VoterThrottlerGuard)
@ApiResponse({ status: 400, type: ErrorDto, description: voterApi.both('doc.status400') })
@ApiResponse({ status: 401, type: ErrorDto, description: voterApi.both('doc.status401') })
@ApiResponse({ status: 413, type: ErrorDto, description: voterApi.both('doc.status413') })
@ApiResponse({ status: 429, type: ErrorDto, description: voterApi.both('doc.status429') })
export class VoterController {
  constructor(private readonly voting: VotingService) {}

  @Post('login/challenge')
  @HttpCode(200)
  @ApiOperation({ summary: credentialText.both('doc.loginChallenge') })
  @ApiOkResponse({ type: LoginChallengeDto })
  loginChallenge(): Promise<LoginChallengeDto> {
    return this.voting.loginChallenge();
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: voterApi.both('doc.login') })
  @ApiOkResponse({ type: ChallengeDto })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<ChallengeDto> {
    // The proof of possession: the server's challenge signed with the credential key (never the password).
    return this.voting.login(text(body, 'username', 64), { challenge: text(body, 'challenge', 64), signature: text(body, 'signature', 128) }, address);
  }

  @Post('login/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: voterApi.both('doc.confirm') })
  @ApiOkResponse({ type: SessionDto })
  confirm(@Body() body: ConfirmCodeDto): Promise<SessionDto> {
    return this.voting.confirmLogin(text(body, 'challengeId', 80), text(body, 'code', 16));
  }

  @Get('status')
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.status') })
  @ApiOkResponse({ type: VoterStatusDto })
  status(@Headers('authorization') authorization?: string): Promise<VoterStatusDto> {
    return this.voting.status(bearer(authorization));
  }

  @Get('ballot')
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.ballot') })
  @ApiOkResponse({ type: VoterBallotDto })
  ballot(@Headers('authorization') authorization?: string): Promise<VoterBallotDto> {
    return this.voting.ballot(bearer(authorization));
  }

  @Post('cast/code')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.castCode') })
  @ApiOkResponse({ type: ChallengeDto })
  castCode(@Ip() address: string, @Headers('authorization') authorization?: string): Promise<ChallengeDto> {
    return this.voting.requestCastCode(bearer(authorization), address);
  }

  @Post('cast')
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.cast') })
  @ApiCreatedResponse({ type: ReceiptDto })
  @ApiResponse({ status: 409, type: ErrorDto, description: 'ALREADY_VOTED, BALLOT_SPOILED, SPOILED_CIPHERTEXT_REUSED, CREDENTIAL_REVOKED, VOTING_CLOSED, VOTING_NOT_STARTED' })
  @ApiResponse({ status: 422, type: ErrorDto, description: 'WRONG_BALLOT_STYLE, INVALID_BALLOT (with the failed checks, among them signature), CREDENTIAL_NOT_LISTED, CREDENTIAL_NOT_YOURS' })
  @ApiResponse({ status: 503, type: ErrorDto, description: 'RECEIPT_DELAYED: recorded, checkpoint late; STANDBY_UNAVAILABLE: the synchronous standby did not confirm in time, no receipt (Retry-After); DATABASE_UNAVAILABLE' })
  cast(@Body() body: CastDto, @Headers('authorization') authorization?: string): Promise<ReceiptDto> {
    const token = bearer(authorization);
    const ballot = (body as { ballot?: unknown })?.ballot;
    if (typeof ballot !== 'object' || ballot === null || Array.isArray(ballot)) throw badRequest('error.ballotNotObject', { field: 'ballot' });
    return this.voting.cast(token, ballot, { bindingNonce: bindingNonce(body), ...castSignature(body) }, text(body, 'challengeId', 80), text(body, 'code', 16));
  }

  @Post('spoil')
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.spoil') })
  @ApiCreatedResponse({ type: SpoiledDto })
  @ApiResponse({ status: 409, type: ErrorDto, description: 'ALREADY_VOTED (a cast ballot is never audited), ALREADY_SPOILED (the same disclosure twice), AUDIT_LIMIT_REACHED, CAST_CIPHERTEXT_DISCLOSED (the ballot holds a ciphertext of a cast ballot)' })
  @ApiResponse({ status: 422, type: ErrorDto, description: 'INVALID_DISCLOSURE (with the failed checks)' })
  spoil(@Body() body: SpoilDto, @Headers('authorization') authorization?: string): Promise<SpoiledDto> {
    const token = bearer(authorization);
    const spoiled = (body as { spoiled?: unknown })?.spoiled;
    if (typeof spoiled !== 'object' || spoiled === null) throw badRequest('error.spoiledNotObject', { field: 'spoiled' });
    return this.voting.spoil(token, spoiled, bindingNonce(body));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: voterApi.both('doc.logout') })
  async logout(@Headers('authorization') authorization?: string): Promise<void> {
    await this.voting.logout(bearer(authorization));
  }
}
