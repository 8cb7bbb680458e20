import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { HEALTH_CHECK_TIMEOUT_MS, LedgerHealth, withTimeout } from '../ledger/ledger-health';
import { LogSequencer } from '../ledger/merkle/log-sequencer';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { LogWriterElection } from '../ledger/leadership/log-writer-election';

const startedAt = new Date().toISOString();

/**
 * Every component and how far behind it is, so a stopped worker is seen at once (the failure
 * Helios users reported: votes hanging behind a silently dead worker). 503 when any is down:
 * status "down" when the database itself is (nothing can be served), "degraded" otherwise. It
 * always answers, within a few seconds, even while the database is lost or hangs: each check
 * has a time limit, and requests to /health pass the 503 gate (src/faults).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ledger: LedgerHealth,
    private readonly log: MerkleLog,
    private readonly sequencer: LogSequencer,
    private readonly checkpoints: CheckpointService,
    /** Whether this instance writes the log (several instances: only the lease holder does). */
    @Optional() private readonly writer?: LogWriterElection,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every component is up; lists each with its lag.' })
  @ApiServiceUnavailableResponse({ description: 'A component is down; the body says which and why.' })
  async health(@Res({ passthrough: true }) res: Response) {
    const ledger = await this.ledger.check();
    const components: Record<string, Record<string, unknown>> = { ledger: { ...ledger } };
    try {
      const size = await withTimeout(this.log.size(), HEALTH_CHECK_TIMEOUT_MS);
      const sequencerError = this.sequencer.error;
      components.transparencyLog = {
        status: sequencerError ? 'down' : 'up',
        size,
        lagEvents: ledger.head !== undefined ? ledger.head - size : undefined,
        ...(sequencerError ? { error: sequencerError.message } : {}),
        ...(this.writer ? { writer: this.writer.role } : {}),
      };
      const latest = await withTimeout(this.checkpoints.latest(), HEALTH_CHECK_TIMEOUT_MS);
      components.checkpoints = {
        status: latest ? 'up' : 'down',
        size: latest?.size,
        ageSeconds: latest ? Math.round((Date.now() - latest.createdAt.getTime()) / 1000) : undefined,
        lagEvents: latest ? size - latest.size : undefined,
      };
    } catch (err) {
      components.transparencyLog = { status: 'down', error: err instanceof Error ? err.message : String(err) };
    }
    const down = Object.values(components).some((c) => c.status === 'down');
    if (down) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ledger.status === 'down' ? 'down' : down ? 'degraded' : 'ok', startedAt, components };
  }
}
