import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CommandMetrics } from '../command-path/command-metrics';

/** Prometheus text format for the operator's own monitoring: every command's time and
 * outcome, and the concurrency conflicts the ledger resolved. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: CommandMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format (text/plain; version=0.0.4).' })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
