import { Injectable } from '@nestjs/common';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, conflict, forbidden, notFound } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { SessionViewsService } from '../sessions/session-views.service';
import { SceneFilesRepository, type StoredSceneFile } from './scene-files.repository';
import { isParticipant } from '../sessions/session-record';

/** Raster images only: an SVG served from our origin could run script. */
export const SCENE_FILE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const FILE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The whiteboard's images: who may add them while the room is open, how many and how large, who may read them. */
@Injectable()
export class SceneFilesService {
  constructor(
    private readonly views: SessionViewsService,
    private readonly files: SceneFilesRepository,
  ) {}

  /**
   * Participants may add raster images while the room is open; each session's images are capped
   * in number and bytes. `data` is the request's raw body (a Buffer when its type is one we read).
   */
  async store(
    user: AuthUser,
    sessionId: string,
    fileId: string,
    mimeType: string,
    data: unknown,
  ): Promise<void> {
    const record = await this.views.visibleRecord(user, sessionId);
    if (!isParticipant(record, user.id)) throw forbidden('Only participants add images to the whiteboard');
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is ${record.session.status}; its whiteboard can no longer change`);
    }
    requireFileId(fileId);
    if (!SCENE_FILE_TYPES.includes(mimeType) || !Buffer.isBuffer(data)) {
      throw new DomainError(
        'unsupported_media_type',
        `Send the image bytes with Content-Type ${SCENE_FILE_TYPES.join(', ')}`,
      );
    }
    if (data.length === 0) {
      throw new RequestValidationError('body', [{ field: '(body)', message: 'the image is empty' }]);
    }
    const usage = await this.files.usage(sessionId);
    if (usage.files >= ROOM_LIMITS.maxImagesPerSession) {
      throw new DomainError('too_large', `A session holds at most ${ROOM_LIMITS.maxImagesPerSession} images`);
    }
    if (usage.bytes + data.length > ROOM_LIMITS.maxImageBytesPerSession) {
      throw new DomainError(
        'too_large',
        `A session's images are capped at ${ROOM_LIMITS.maxImageBytesPerSession} bytes in all`,
      );
    }
    await this.files.store(sessionId, fileId, mimeType, data);
  }

  /** An image of the session's board, for those who may see the session (participants and admins). */
  async find(user: AuthUser, sessionId: string, fileId: string): Promise<StoredSceneFile> {
    await this.views.visibleRecord(user, sessionId);
    requireFileId(fileId);
    const file = await this.files.find(sessionId, fileId);
    if (!file) throw notFound('No such image in this session');
    return file;
  }
}

/** Excalidraw's file ids are short tokens; anything else (a NUL, a path) never reaches a query. */
function requireFileId(fileId: string): void {
  if (FILE_ID.test(fileId)) return;
  throw new RequestValidationError('params', [
    { field: 'fileId', message: 'must be 1–128 letters, digits, - or _' },
  ]);
}
