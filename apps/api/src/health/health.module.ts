import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [HealthController],
  providers: [MetricsService, MetricsServer],
  exports: [MetricsService],
})
export class HealthModule {}
