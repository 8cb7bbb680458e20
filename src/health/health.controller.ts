import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

const startedAt = new Date().toISOString();

@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get()
  @ApiOkResponse({ description: 'The service is up; lists each component and its state.' })
  health() {
    return { status: 'ok', startedAt, components: {} as Record<string, unknown> };
  }
}
