import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';
import { MetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [HealthController],
  providers: [HealthRepository, HealthService, MetricsService, MetricsServer],
  exports: [MetricsService],
})
export class HealthModule {}
