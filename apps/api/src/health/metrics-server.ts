import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ApiError } from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { METRICS_TOKEN_NEEDED, MetricsService, mayReadMetrics } from './metrics.service';

/**
 * With METRICS_PORT, /metrics is served by this small server on that port (bound to HOST) and by
 * nothing else, so a firewall or a private interface can keep it from the internet. It answers
 * only GET /metrics (with METRICS_TOKEN, only to `Authorization: Bearer <token>`).
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** The port it listens on (METRICS_PORT=0 picks a free one), or null without METRICS_PORT. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    const server = createServer((request, response) => {
      const reply = (statusCode: number, body: ApiError): void => {
        response.writeHead(statusCode, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(body));
      };
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        return reply(404, {
          statusCode: 404,
          error: 'Not Found',
          message: 'Only GET /metrics is served here',
        });
      }
      if (!mayReadMetrics(request.headers.authorization, this.config.metricsToken)) {
        response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return reply(401, { statusCode: 401, error: 'Unauthorized', message: METRICS_TOKEN_NEEDED });
      }
      this.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, {
            'Content-Type': this.metrics.registry.contentType,
            'Cache-Control': 'no-store',
          });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        () =>
          reply(500, { statusCode: 500, error: 'Internal Server Error', message: 'Metrics are unavailable' }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
