import { Controller, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, conflict, forbidden, notFound } from '../common/domain-error';
import { RequestValidationException } from '../common/zod-validation.pipe';
import { SessionViewsService, isParticipant } from '../sessions/session-views.service';

/** Raster images only: an SVG served from our origin could run script. */
export const SCENE_FILE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const FILE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Images pasted into a session's whiteboard: stored size-capped, served to its participants only. */
@ApiTags('sessions')
@Controller('sessions/:id/files')
export class SceneFilesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: SessionViewsService,
  ) {}

  @Put(':fileId')
  @HttpCode(204)
  @ApiOperation({
    summary: `Store an image of the whiteboard (raw body, PNG/JPEG/GIF/WebP, at most ${ROOM_LIMITS.maxImageBytes} bytes)`,
  })
  async put(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Req() request: Request,
  ): Promise<void> {
    const record = await this.views.visibleRecord(user, id);
    if (!isParticipant(record, user.id)) throw forbidden('Only participants add images to the whiteboard');
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is ${record.session.status}; its whiteboard can no longer change`);
    }
    requireFileId(fileId);
    const type = request.headers['content-type']?.split(';')[0]?.trim() ?? '';
    if (!SCENE_FILE_TYPES.includes(type) || !Buffer.isBuffer(request.body)) {
      throw new DomainError(
        'unsupported_media_type',
        `Send the image bytes with Content-Type ${SCENE_FILE_TYPES.join(', ')}`,
      );
    }
    if (request.body.length === 0) {
      throw new RequestValidationException('body', [{ field: '(body)', message: 'the image is empty' }]);
    }
    const [usage] = (await this.dataSource.query(
      `SELECT count(*)::int AS files, COALESCE(sum(length(data)), 0)::bigint AS bytes FROM scene_files WHERE session_id = $1`,
      [id],
    )) as { files: number; bytes: string }[];
    if ((usage?.files ?? 0) >= ROOM_LIMITS.maxImagesPerSession) {
      throw new DomainError('too_large', `A session holds at most ${ROOM_LIMITS.maxImagesPerSession} images`);
    }
    if (Number(usage?.bytes ?? 0) + request.body.length > ROOM_LIMITS.maxImageBytesPerSession) {
      throw new DomainError(
        'too_large',
        `A session's images are capped at ${ROOM_LIMITS.maxImageBytesPerSession} bytes in all`,
      );
    }
    // Files are content-addressed by Excalidraw: the same id always carries the same bytes.
    await this.dataSource.query(
      `INSERT INTO scene_files (session_id, file_id, mime_type, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, file_id) DO NOTHING`,
      [id, fileId, type, request.body],
    );
  }

  @Get(':fileId')
  @ApiOperation({ summary: 'An image of the whiteboard (participants and admins only)' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.views.visibleRecord(user, id);
    requireFileId(fileId);
    const [file] = (await this.dataSource.query(
      `SELECT mime_type, data FROM scene_files WHERE session_id = $1 AND file_id = $2`,
      [id, fileId],
    )) as { mime_type: string; data: Buffer | Uint8Array }[];
    if (!file) throw notFound('No such image in this session');
    response
      .status(200)
      .type(file.mime_type)
      .setHeader('Cache-Control', 'private, max-age=31536000, immutable')
      .setHeader('Content-Security-Policy', "default-src 'none'")
      .send(Buffer.from(file.data));
  }
}

/** Excalidraw's file ids are short tokens; anything else (a NUL, a path) never reaches a query. */
function requireFileId(fileId: string): void {
  if (FILE_ID.test(fileId)) return;
  throw new RequestValidationException('params', [
    { field: 'fileId', message: 'must be 1–128 letters, digits, - or _' },
  ]);
}
