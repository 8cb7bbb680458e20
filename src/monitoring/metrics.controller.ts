import { Controller, Get, Header, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CommandMetrics } from '../command-path/command-metrics';
import { MonitoringMetrics } from './monitoring-metrics';

/** Prometheus text format for the operator's own monitoring: every command's time and
 * outcome (casts included: CastBallotCommand), the concurrency conflicts the ledger resolved,
 * messages by gateway and outcome, and the components' measures (queues, lags, checkpoint age;
 * src/monitoring/monitoring-metrics.ts). */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: CommandMetrics, @Optional() private readonly components?: MonitoringMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format (text/plain; version=0.0.4).' })
  async scrape(): Promise<string> {
    await this.components?.refresh();
    return this.metrics.registry.metrics();
  }
}
