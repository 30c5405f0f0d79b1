import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './app-config.token';

/**
 * The origin of every absolute link the app writes (calendar invitations, feed URLs). Never the
 * request's Host or X-Forwarded-Host: a forged header would put an attacker's address into links
 * that calendar apps keep and users click.
 */
@Injectable()
export class PublicUrl {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  /** PUBLIC_URL, else http://localhost:<the port the server listens on> (PORT=0 picks one). */
  get origin(): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    const address = this.http.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null;
    const port = address && typeof address === 'object' ? address.port : this.config.port;
    return `http://localhost:${port}`;
  }
}
