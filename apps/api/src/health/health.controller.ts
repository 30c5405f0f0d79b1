import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse } from '@mockboard/contracts';
import { Public } from '../auth/access.decorators';
import { DomainError, notFound } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { HealthService } from './health.service';
import { METRICS_TOKEN_NEEDED, MetricsService, mayReadMetrics } from './metrics.service';

@ApiTags('operations')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly healthService: HealthService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness and database reachability: 200 when healthy, 503 otherwise' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const report = await this.healthService.report();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('/metrics')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async prometheus(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    // With METRICS_PORT, /metrics lives only there (MetricsServer): this port answers as if unknown.
    if (this.config.metricsPort !== undefined) throw notFound('Cannot GET /metrics');
    if (!mayReadMetrics(authorization, this.config.metricsToken)) {
      response.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new DomainError('unauthenticated', METRICS_TOKEN_NEEDED);
    }
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
