import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An image of a session's whiteboard as stored. */
export interface StoredSceneFile {
  mimeType: string;
  data: Buffer;
}

/** What a session's images take up so far. */
export interface SceneFilesUsage {
  files: number;
  bytes: number;
}

/** The images pasted into each session's whiteboard, keyed by the file id Excalidraw gave them. */
@Injectable()
export class SceneFilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async usage(sessionId: string): Promise<SceneFilesUsage> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS files, COALESCE(sum(length(data)), 0)::bigint AS bytes FROM scene_files WHERE session_id = $1`,
      [sessionId],
    )) as { files: number; bytes: string }[];
    return { files: row?.files ?? 0, bytes: Number(row?.bytes ?? 0) };
  }

  /** Files are content-addressed by Excalidraw: the same id always carries the same bytes, so a resend changes nothing. */
  async store(sessionId: string, fileId: string, mimeType: string, data: Buffer): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO scene_files (session_id, file_id, mime_type, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, file_id) DO NOTHING`,
      [sessionId, fileId, mimeType, data],
    );
  }

  async find(sessionId: string, fileId: string): Promise<StoredSceneFile | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT mime_type, data FROM scene_files WHERE session_id = $1 AND file_id = $2`,
      [sessionId, fileId],
    )) as { mime_type: string; data: Buffer | Uint8Array }[];
    return row && { mimeType: row.mime_type, data: Buffer.from(row.data) };
  }
}
