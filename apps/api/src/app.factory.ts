import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ROOM_LIMITS } from '@mockboard/contracts';
import helmet from 'helmet';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { ApiExceptionFilter, asBodyParserError } from './common/api-exception.filter';
import { rejectDeeplyNestedBodies } from './common/body-depth.middleware';
import { JsonLogger } from './common/json-logger';
import { refuseCrossSiteChanges } from './common/origin-check';
import { requestLogger } from './common/request-logger.middleware';
import { StorableParamsPipe } from './common/storable-params.pipe';
import { uncachedApiAnswers } from './common/uncached-api-answers.middleware';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { SCENE_FILE_TYPES } from './room/scene-files.service';
import { MetricsService } from './health/metrics.service';
import { webAppHandlers } from './web/web-app.middleware';

export const JSON_BODY_LIMIT = '256kb';

/**
 * Builds the whole server (API, docs, metrics, web app) without listening, so `main.ts` and the
 * tests start exactly the same thing.
 */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const logger = new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(app.get(MetricsService).middleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI at /api/docs and the web app load only their own scripts; styles may be inline.
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Self-hosters often serve plain HTTP on a LAN; upgrading would break every asset.
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS over plain http would be ignored at best and pin a LAN install to https at worst.
      strictTransportSecurity: config.hsts,
    }),
  );
  app.use('/api', uncachedApiAnswers);
  app.use(cookieParser());
  app.use(refuseCrossSiteChanges(config.publicUrl));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(rejectDeeplyNestedBodies);
  // Whiteboard images arrive as raw bytes, capped by the room's image limit.
  app.use(
    '/api/sessions/:id/files',
    express.raw({ type: SCENE_FILE_TYPES, limit: ROOM_LIMITS.maxImageBytes }),
  );
  app.use(rejectBodyParserErrors);
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(new StorableParamsPipe());

  // Built when the docs are first asked for, then kept: ~40 ms that most starts never needed.
  const documentFactory = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Mockboard API')
        .setDescription('Practise system-design interviews with a peer.')
        .setVersion('1')
        .addBearerAuth()
        .addCookieAuth('mockboard_session')
        .build(),
    );
  SwaggerModule.setup('api/docs', app, documentFactory, { jsonDocumentUrl: 'api/docs.json' });

  app.use(...webAppHandlers(config.webDistDir));

  const realtime = new RealtimeIoAdapter(app, config.redisUrl, logger);
  await realtime.connectRedis();
  app.useWebSocketAdapter(realtime);
  return app;
}

/** Malformed JSON and oversized bodies fail in the body parser, before Nest's filters see them. */
function rejectBodyParserErrors(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const body = asBodyParserError(error, request.headers['content-encoding']);
  if (!body) return next(error);
  response.status(body.statusCode).json(body);
}
