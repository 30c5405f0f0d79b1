import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { ProcessMetrics } from './process-metrics';

/** Prometheus metrics of this process: the process's own (CPU, memory, event loop, GC) and HTTP latency. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly processMetrics = new ProcessMetrics(this.registry);

  onModuleDestroy(): void {
    this.processMetrics.stop();
  }

  /**
   * Express middleware timing every request. The route label is the matched route pattern (e.g.
   * "/api/prompts/:id"), never the raw path, so label cardinality stays bounded.
   */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const stop = this.httpDuration.startTimer();
    response.once('finish', () => {
      const route = request.route as { path?: unknown } | undefined;
      const pattern = typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
      stop({ method: request.method, route: pattern, status_code: String(response.statusCode) });
    });
    next();
  };
}

/**
 * Whether a request may read /metrics: anyone without METRICS_TOKEN, else only `Bearer <token>`.
 * Compared as SHA-256 digests in constant time, so neither length nor content leaks by timing.
 */
export function mayReadMetrics(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const sent = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : '';
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return sent !== '' && timingSafeEqual(digest(sent), digest(token));
}

export const METRICS_TOKEN_NEEDED = 'Send Authorization: Bearer <METRICS_TOKEN> to read /metrics';
