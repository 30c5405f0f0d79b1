import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { ReplayResponse } from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { UserEntity } from '../auth/user.entity';
import { SessionViewsService } from '../scheduling/session-views.service';

interface EventRow {
  seq: string;
  at: Date;
  kind: 'scene' | 'phase' | 'round';
  element: ReplayResponse['entries'][number]['element'];
  phase: ReplayResponse['entries'][number]['phase'];
  round: number | null;
}

@ApiTags('sessions')
@Controller('sessions')
export class ReplayController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: SessionViewsService,
  ) {}

  @Get(':id/replay')
  @ApiOperation({
    summary: 'Every accepted whiteboard change, phase and round change, in order (participants and admins)',
  })
  async replay(@CurrentUser() user: UserEntity, @Param('id') id: string): Promise<ReplayResponse> {
    await this.views.visibleRecord(user, id);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT seq, at, kind, element, phase, round FROM room_events WHERE session_id = $1 ORDER BY seq`,
      [id],
    );
    return {
      sessionId: id,
      entries: rows.map((row) => ({
        seq: Number(row.seq),
        at: row.at.toISOString(),
        kind: row.kind,
        element: row.element,
        phase: row.phase,
        round: row.round === null ? null : Number(row.round),
      })),
    };
  }
}
