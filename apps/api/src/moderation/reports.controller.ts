import { Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateReportRequestSchema, type CreateReportRequest, type Report } from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { ReportsService } from './reports.service';

@ApiTags('moderation')
@Controller('sessions')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post(':id/reports')
  @ApiOperation({
    summary: 'Report your partner in this session (participants, once it has started)',
    description:
      'Reasons: no_show, abusive, inappropriate_content, other (comment required). A second report of ' +
      'the same session while the first is open replaces it. The session is kept for review.',
  })
  report(
    @CurrentUser() user: AuthUser,
    @Param('id') sessionId: string,
    @ValidBody(CreateReportRequestSchema) body: CreateReportRequest,
  ): Promise<Report> {
    return this.reports.report(user, sessionId, body);
  }
}
