/** Request and response shapes of the voter and board APIs, for validation and OpenAPI. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { text } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { credentialMessages } from '../messages/credentials.messages';

export class ErrorDto {
  @ApiProperty({ example: 'AUTHENTICATION_FAILED' }) error!: string;
  @ApiProperty({ description: text(voterApiMessages, 'doc.errorDto.message', 'en') }) message!: string;
  @ApiProperty({ description: text(voterApiMessages, 'doc.errorDto.mensaje', 'es') }) mensaje!: string;
  @ApiPropertyOptional() details?: unknown;
}
export class LoginDto {
  @ApiProperty({ example: 'v-7k2m-q9xd-4hzt' }) username!: string;
  @ApiProperty({ description: text(credentialMessages, 'doc.login.challenge', 'en') }) challenge!: string;
  @ApiProperty({ description: text(credentialMessages, 'doc.login.signature', 'en') }) signature!: string;
}
export class LoginChallengeDto {
  @ApiProperty() challenge!: string;
  @ApiProperty() electionId!: string;
  @ApiProperty() expiresAt!: string;
}
export class ChallengeDto {
  @ApiProperty() challengeId!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ required: false, example: '•••• 34' }) sentTo?: string;
}
export class VoterStatusDto {
  @ApiProperty() alreadyVoted!: boolean;
  @ApiProperty() castingOpen!: boolean;
  @ApiProperty() votingClosesAt!: string;
  @ApiProperty({ required: false }) sessionExpiresAt?: string;
  @ApiProperty({ required: false, example: 'a3…(64 hex)' }) credential?: string;
}
export class ConfirmCodeDto {
  @ApiProperty() challengeId!: string;
  @ApiProperty({ example: '123456' }) code!: string;
}
export class SessionDto {
  @ApiProperty() sessionToken!: string;
  @ApiProperty() expiresAt!: string;
}
export class BallotOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['party', 'coalition-combination', 'common-candidacy-combination', 'independent', 'non-registered', 'null'] })
  kind!: 'party' | 'coalition-combination' | 'common-candidacy-combination' | 'independent' | 'non-registered' | 'null';
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, type: String }) candidate!: string | null;
  @ApiProperty({ type: [String] }) emblems!: string[];
}
export class BallotContestDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [BallotOptionDto] }) options!: BallotOptionDto[];
}
export class VoterBallotDto {
  @ApiProperty() electionId!: string;
  @ApiProperty() styleId!: string;
  @ApiProperty() pseudonym!: string;
  @ApiProperty({ description: 'Election public key (hex)' }) publicKey!: string;
  @ApiProperty() manifestHash!: string;
  @ApiProperty() baseHash!: string;
  @ApiProperty({ type: [BallotContestDto] }) contests!: BallotContestDto[];
  @ApiProperty({ required: false, description: 'Parties with nameEn, color (#rrggbb) and acronym when the manual gives them', type: Object, isArray: true })
  parties?: { id: string; name: string; nameEn?: string; color?: string; acronym?: string }[];
  @ApiProperty() votingClosesAt!: string;
}
export class CastDto {
  @ApiProperty({ description: 'The encrypted ballot (urna/ballot/v3), as encryptBallot made it', type: Object }) ballot!: unknown;
  @ApiProperty({ description: 'The 32 bytes (64 hex digits) that open the ballot\'s voterBinding to your pseudonym and credential; published with the ballot', example: '00'.repeat(32) }) bindingNonce!: string;
  @ApiProperty({ description: text(credentialMessages, 'doc.cast.credential', 'en'), example: '00'.repeat(32) }) credential!: string;
  @ApiProperty({ description: text(credentialMessages, 'doc.cast.signature', 'en'), example: '00'.repeat(64) }) signature!: string;
  @ApiProperty() challengeId!: string;
  @ApiProperty() code!: string;
}
export class ReceiptDto {
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ example: '7K3Q-9XDF-2M8R-0AWZ' }) readableTrackingCode!: string;
  @ApiProperty({ description: 'Leaf index in the transparency log (= ledger global position)' }) logIndex!: number;
  @ApiProperty({ description: 'RFC 9162 leaf hash (hex)' }) leafHash!: string;
  @ApiProperty({ description: 'Signed checkpoint note that includes the ballot, with the witnesses\' cosignature lines' }) checkpoint!: string;
  @ApiProperty() checkpointSize!: number;
  @ApiProperty({ description: 'The checkpoint against the witness quorum: {quorum, cosigners, status: cosigned | waiting}', type: Object })
  witnesses!: { quorum: number; cosigners: string[]; status: 'cosigned' | 'waiting' };
}
export class SpoilDto {
  @ApiProperty({ description: 'urna/spoiled-ballot/v3: the ballot, the selections and every nonce (published, with nothing that names you)', type: Object }) spoiled!: unknown;
  @ApiProperty({ description: 'The ballot\'s binding nonce (64 hex digits): checked against your pseudonym, kept sealed, never published', example: '00'.repeat(32) }) bindingNonce!: string;
}
export class SpoiledDto {
  @ApiProperty() trackingCode!: string;
}
export class PublicReceiptDto {
  @ApiProperty() trackingCode!: string;
  @ApiProperty() logIndex!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty() castAt!: string;
}
