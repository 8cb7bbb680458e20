/** The voter's API (booth): thin — validation, OpenAPI, then VotingService. */
import { Body, Controller, Get, Headers, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { VoterThrottlerGuard } from './voter-throttler.guard';
import { CastDto, ChallengeDto, ConfirmCodeDto, ErrorDto, LoginDto, ReceiptDto, SessionDto, SpoilDto, SpoiledDto, VoterBallotDto } from './voting-api.dto';
import { badRequest, VotingErrorFilter, VotingHttpError } from './voting-errors';
import { VotingService } from './voting.service';

function text(body: unknown, field: string, max = 256): string {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    throw badRequest(`"${field}" must be a non-empty string of at most ${max} characters.`, `"${field}" debe ser un texto no vacío de hasta ${max} caracteres.`, { field });
  }
  return v;
}

/** The 32 bytes that open a ballot's voter binding: 64 lowercase hexadecimal digits. */
function bindingNonce(body: unknown): string {
  const v = (body as Record<string, unknown> | undefined)?.bindingNonce;
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) {
    throw badRequest('"bindingNonce" must be 64 lowercase hexadecimal digits.', '"bindingNonce" debe tener 64 dígitos hexadecimales en minúscula.', { field: 'bindingNonce' });
  }
  return v;
}

function bearer(authorization: string | undefined): string {
  const m = typeof authorization === 'string' ? /^Bearer ([^\s]{1,200})$/.exec(authorization.trim()) : null;
  if (!m) throw new VotingHttpError(401, 'SESSION_INVALID', 'Sign in first (Authorization: Bearer <sessionToken>).', 'Primero ingrese (Authorization: Bearer <sessionToken>).');
  return m[1];
}

@ApiTags('voter')
@Controller('api/voter')
@UseFilters(VotingErrorFilter)
@UseGuards(VoterThrottlerGuard)
@ApiResponse({ status: 400, type: ErrorDto, description: 'Solicitud inválida / invalid request' })
@ApiResponse({ status: 401, type: ErrorDto, description: 'Credenciales, código o sesión no válidos (sin revelar si el usuario existe) / invalid credentials, code or session' })
@ApiResponse({ status: 413, type: ErrorDto, description: 'Cuerpo mayor a 128 KiB / body over 128 KiB' })
@ApiResponse({ status: 429, type: ErrorDto, description: 'Demasiadas solicitudes / rate limited (Retry-After)' })
export class VoterController {
  constructor(private readonly voting: VotingService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Usuario y contraseña; envía un código por SMS / username and password; sends a one-time code by SMS' })
  @ApiOkResponse({ type: ChallengeDto })
  login(@Body() body: LoginDto): Promise<ChallengeDto> {
    return this.voting.login(text(body, 'username', 64), text(body, 'password', 128));
  }

  @Post('login/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Código del SMS; abre la sesión / the SMS code; opens the session' })
  @ApiOkResponse({ type: SessionDto })
  confirm(@Body() body: ConfirmCodeDto): Promise<SessionDto> {
    return this.voting.confirmLogin(text(body, 'challengeId', 80), text(body, 'code', 16));
  }

  @Get('ballot')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'La boleta de su entidad con la llave pública / your entity’s ballot with the election key' })
  @ApiOkResponse({ type: VoterBallotDto })
  ballot(@Headers('authorization') authorization?: string): Promise<VoterBallotDto> {
    return this.voting.ballot(bearer(authorization));
  }

  @Post('cast/code')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Nuevo código por SMS para emitir el voto / a new SMS code to cast' })
  @ApiOkResponse({ type: ChallengeDto })
  castCode(@Headers('authorization') authorization?: string): Promise<ChallengeDto> {
    return this.voting.requestCastCode(bearer(authorization));
  }

  @Post('cast')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Emite la boleta cifrada; el acuse llega cuando un checkpoint firmado la incluye / casts the encrypted ballot; the receipt comes once a signed checkpoint includes it' })
  @ApiCreatedResponse({ type: ReceiptDto })
  @ApiResponse({ status: 409, type: ErrorDto, description: 'ALREADY_VOTED, BALLOT_SPOILED, SPOILED_CIPHERTEXT_REUSED, VOTING_CLOSED, VOTING_NOT_STARTED' })
  @ApiResponse({ status: 422, type: ErrorDto, description: 'WRONG_BALLOT_STYLE, INVALID_BALLOT (with the failed checks)' })
  @ApiResponse({ status: 503, type: ErrorDto, description: 'RECEIPT_DELAYED: recorded, checkpoint late' })
  cast(@Body() body: CastDto, @Headers('authorization') authorization?: string): Promise<ReceiptDto> {
    const token = bearer(authorization);
    const ballot = (body as { ballot?: unknown })?.ballot;
    if (typeof ballot !== 'object' || ballot === null || Array.isArray(ballot)) throw badRequest('"ballot" must be an object.', '"ballot" debe ser un objeto.', { field: 'ballot' });
    return this.voting.cast(token, ballot, bindingNonce(body), text(body, 'challengeId', 80), text(body, 'code', 16));
  }

  @Post('spoil')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reto de Benaloh: publica una boleta anulada con sus datos revelados (no se cuenta) / Benaloh challenge: publishes a spoiled ballot, never counted' })
  @ApiCreatedResponse({ type: SpoiledDto })
  @ApiResponse({ status: 409, type: ErrorDto, description: 'ALREADY_VOTED (a cast ballot is never audited), ALREADY_SPOILED (the same disclosure twice), AUDIT_LIMIT_REACHED' })
  @ApiResponse({ status: 422, type: ErrorDto, description: 'INVALID_DISCLOSURE (with the failed checks)' })
  spoil(@Body() body: SpoilDto, @Headers('authorization') authorization?: string): Promise<SpoiledDto> {
    const token = bearer(authorization);
    const spoiled = (body as { spoiled?: unknown })?.spoiled;
    if (typeof spoiled !== 'object' || spoiled === null) throw badRequest('"spoiled" must be an object.', '"spoiled" debe ser un objeto.', { field: 'spoiled' });
    return this.voting.spoil(token, spoiled, bindingNonce(body));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cierra la sesión / ends the session' })
  async logout(@Headers('authorization') authorization?: string): Promise<void> {
    await this.voting.logout(bearer(authorization));
  }
}
