import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ApiError } from '@mockboard/contracts';
import { isDatabaseUnavailable } from '../database/postgres-errors';
import { TOO_DEEP_BODY } from './body-depth.middleware';
import { DomainError, httpStatusOf } from './domain-error';
import { MAX_JSON_DEPTH } from './json-depth';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Turns every error into the one `ApiError` body. Client errors keep their message (it says what to
 * fix); anything unexpected is logged with its stack and answered with a bare 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (response.headersSent) return;
    const retryAfter = exception instanceof DomainError ? exception.details.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof DomainError) return domainApiError(exception);
    // What Nest itself throws (an unknown route's 404, the throttler's 429): our own code throws
    // DomainError, whose `code` and `until` come from its details.
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      return { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message: messageOf(exception) };
    }
    const bodyParserError = asBodyParserError(exception);
    if (bodyParserError) return bodyParserError;
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'The server cannot reach its database right now; please try again in a moment',
      };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; please try again',
    };
  }
}

/** The one rendering of a domain error: its kind's status, its message, and the details it carries. */
function domainApiError(error: DomainError): ApiError {
  const statusCode = httpStatusOf(error);
  const { reason, until, fields } = error.details;
  return {
    statusCode,
    error: STATUS_NAMES[statusCode] ?? 'Error',
    message: error.message,
    ...(fields ? { fields } : {}),
    ...(reason ? { code: reason } : {}),
    ...(until ? { until: until.toISOString() } : {}),
  };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Errors that Express's body parser raises before a route runs (bad JSON, too large or too deep, a
 * charset or Content-Encoding it cannot read, compressed bytes that do not decompress).
 * `contentEncoding` is the request's header, named in the message when decompression failed.
 */
export function asBodyParserError(exception: unknown, contentEncoding?: string): ApiError | null {
  const error = exception as {
    type?: unknown;
    status?: unknown;
    limit?: unknown;
    code?: unknown;
    expose?: unknown;
    encoding?: unknown;
    charset?: unknown;
  } | null;
  if (!error || typeof error.status !== 'number') return null;
  // zlib's own error, given a 400 by the body parser but no type.
  if (typeof error.code === 'string' && error.code.startsWith('Z_') && error.status === 400) {
    return badRequest(
      `The request body could not be decompressed: it is not valid ${contentEncoding || 'compressed'} data`,
    );
  }
  if (typeof error.type !== 'string') {
    // Another http-errors error meant for the client (an aborted or mis-sized upload).
    return error.expose === true && error.status >= 400 && error.status < 500
      ? clientError(error.status, 'The request body could not be read')
      : null;
  }
  switch (error.type) {
    case 'entity.parse.failed':
      return badRequest('The request body is not valid JSON');
    case TOO_DEEP_BODY:
      return badRequest(`The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);
    case 'entity.too.large':
      return {
        statusCode: 413,
        error: 'Payload Too Large',
        message: `The request body is larger than the ${String(error.limit)}-byte limit`,
      };
    case 'encoding.unsupported':
      return clientError(
        415,
        `The Content-Encoding "${String(error.encoding ?? contentEncoding)}" is not supported; send the body uncompressed, or as gzip, deflate or br`,
      );
    case 'charset.unsupported':
      return clientError(415, `The charset "${String(error.charset)}" is not supported; send UTF-8`);
    default:
      return error.status >= 400 && error.status < 500
        ? clientError(error.status, 'The request body could not be read')
        : null;
  }
}

function badRequest(message: string): ApiError {
  return { statusCode: 400, error: 'Bad Request', message };
}

function clientError(statusCode: number, message: string): ApiError {
  return { statusCode, error: STATUS_NAMES[statusCode] ?? 'Bad Request', message };
}
