import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { describeWait } from './login-backoff';

/** 429 for an email with too many wrong passwords lately (see login-backoff.ts). */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many wrong passwords for this email; try again ${describeWait(retryAfterSeconds)}`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Runs a route's work; when the per-email limit refuses it, the 429 also carries Retry-After. */
export async function withRetryAfter<T>(response: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LoginThrottledException) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    throw error;
  }
}
