/** Response shapes of the /log API (OpenAPI documentation). All hashes are standard base64. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { messagesOf } from '../messages/catalog';
import { logApiMessages } from '../messages/log-api.messages';

const m = messagesOf(logApiMessages);

export class LogErrorDto {
  @ApiProperty({ example: 'invalid_parameter', description: 'Machine-readable error code.' })
  error!: string;
  @ApiProperty({ example: m.text('checkpoint.notAtSize', 'en', { size: 12 }), description: 'English.' })
  message!: string;
  @ApiProperty({ example: m.text('checkpoint.notAtSize', 'es', { size: 12 }), description: 'es-MX.' })
  mensaje!: string;
}

export class LogKeyDto {
  @ApiProperty({ example: 'urna.example/log', description: 'Key name = checkpoint origin.' })
  name!: string;
  @ApiProperty({ example: '5f1e2a3b', description: 'C2SP key ID, 8 hex digits: SHA-256(name || 0x0A || 0x01 || publicKey)[:4].' })
  keyId!: string;
  @ApiProperty({ description: 'C2SP signed-note verifier key: name+keyId+base64(0x01 || publicKey).' })
  vkey!: string;
  @ApiProperty({ description: 'Ed25519 public key, 32 bytes, base64.' })
  publicKey!: string;
  @ApiProperty({ example: 'Ed25519' })
  algorithm!: string;
}

export class InclusionProofDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'SHA-256(0x00 || leaf data), base64.' }) leafHash!: string;
  @ApiProperty({ description: 'Root of the tree of treeSize leaves, base64. Compare it with a signed checkpoint; do not trust it alone.' })
  rootHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 inclusion path, leaf to root, base64.' }) proof!: string[];
}

export class ConsistencyProofDto {
  @ApiProperty() fromSize!: number;
  @ApiProperty() toSize!: number;
  @ApiProperty({ description: 'Root at fromSize, base64 (informative).' }) fromRoot!: string;
  @ApiProperty({ description: 'Root at toSize, base64 (informative).' }) toRoot!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, base64; empty when fromSize = toSize.' }) proof!: string[];
}

export class LogEntryDto {
  @ApiProperty({ description: 'Leaf index = ledger global position.' }) index!: number;
  @ApiProperty({ description: 'SHA-256(0x00 || UTF-8(RFC 8785 JSON of entry)), base64.' }) leafHash!: string;
  @ApiProperty({ description: 'The public entry (format urna-leaf/1, docs/spec/log.md §2).', type: Object }) entry!: Record<string, unknown>;
}

export class LogEntriesDto {
  @ApiProperty({ description: 'Tree size when read.' }) treeSize!: number;
  @ApiProperty() start!: number;
  @ApiProperty({ description: 'Exclusive end actually returned (clipped to treeSize).' }) end!: number;
  @ApiProperty({ type: [LogEntryDto] }) entries!: LogEntryDto[];
}

export class CheckpointQueryDto {
  @ApiPropertyOptional() size?: string;
}

export class HistoryCheckpointDto {
  @ApiProperty({ description: 'Its urna-sequence number: 0 for the empty tree, then 1, 2, … (log.md §4.1).' }) sequence!: number;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'Root hash, base64 (informative: verify the note).' }) rootHash!: string;
  @ApiProperty({ description: 'When the log stored it after signing, ISO 8601 UTC (informative: not signed).' }) signedAt!: string;
  @ApiProperty({ description: 'The signed note, byte for byte as GET /log/checkpoint?size= serves it.' }) note!: string;
}

export class CheckpointHistoryDto {
  @ApiProperty({ description: 'Checkpoints the log has signed so far (numbered 0 … count − 1).' }) count!: number;
  @ApiProperty() start!: number;
  @ApiProperty({ description: 'Exclusive end actually returned (clipped to count).' }) end!: number;
  @ApiProperty({ type: [HistoryCheckpointDto] }) checkpoints!: HistoryCheckpointDto[];
}
