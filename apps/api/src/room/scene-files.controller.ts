import { Controller, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { SceneFilesService } from './scene-files.service';

/** Images pasted into a session's whiteboard: stored size-capped, served to its participants only. */
@ApiTags('sessions')
@Controller('sessions/:id/files')
export class SceneFilesController {
  constructor(private readonly files: SceneFilesService) {}

  @Put(':fileId')
  @HttpCode(204)
  @ApiOperation({
    summary: `Store an image of the whiteboard (raw body, PNG/JPEG/GIF/WebP, at most ${ROOM_LIMITS.maxImageBytes} bytes)`,
  })
  put(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Req() request: Request,
  ): Promise<void> {
    const type = request.headers['content-type']?.split(';')[0]?.trim() ?? '';
    return this.files.store(user, id, fileId, type, request.body);
  }

  @Get(':fileId')
  @ApiOperation({ summary: 'An image of the whiteboard (participants and admins only)' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.files.find(user, id, fileId);
    response
      .status(200)
      .type(file.mimeType)
      .setHeader('Cache-Control', 'private, max-age=31536000, immutable')
      .setHeader('Content-Security-Policy', "default-src 'none'")
      .send(file.data);
  }
}
