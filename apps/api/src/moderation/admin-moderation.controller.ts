import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminReportListQuerySchema,
  ModerateUserRequestSchema,
  ResolveReportRequestSchema,
  type AdminReportListQuery,
  type AdminReportListResponse,
  type ModerateUserRequest,
  type ModerationLogEntry,
  type ModerationLogResponse,
  type ModerationResult,
  type ResolveReportRequest,
  type RestrictedAccountListResponse,
} from '@mockboard/contracts';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody, ValidQuery } from '../common/validated.decorators';
import { ModerationService } from './moderation.service';
import { ReportEvidenceService } from './report-evidence.service';

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminModerationController {
  constructor(
    private readonly evidence: ReportEvidenceService,
    private readonly moderation: ModerationService,
  ) {}

  @Get('reports')
  @ApiOperation({
    summary: 'Reports with their evidence, oldest first (`?status=open` or `resolved`; admins only)',
  })
  async reports(
    @ValidQuery(AdminReportListQuerySchema) query: AdminReportListQuery,
  ): Promise<AdminReportListResponse> {
    return { reports: await this.evidence.list(query.status) };
  }

  @Post('reports/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a report (e.g. dismiss it) with a note; audited (admins only)' })
  resolve(
    @CurrentUser() admin: AuthUser,
    @Param('id') reportId: string,
    @ValidBody(ResolveReportRequestSchema) body: ResolveReportRequest,
  ): Promise<ModerationLogEntry> {
    return this.moderation.resolveReport(admin, reportId, body.note);
  }

  @Post('users/:id/moderation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Warn, suspend (until a time), ban or reinstate an account; audited (admins only)',
    description:
      'Suspend and ban refuse sign-in, end every sign-in and socket, cancel the upcoming sessions (the ' +
      'partners are told) and withdraw open slots and match requests. With reportId the report is resolved.',
  })
  moderate(
    @CurrentUser() admin: AuthUser,
    @Param('id') userId: string,
    @ValidBody(ModerateUserRequestSchema) body: ModerateUserRequest,
  ): Promise<ModerationResult> {
    return this.moderation.moderate(admin, userId, body);
  }

  @Get('restricted-accounts')
  @ApiOperation({
    summary: 'Accounts suspended or banned now, newest first, with reason and end (admins only)',
  })
  async restrictedAccounts(): Promise<RestrictedAccountListResponse> {
    return { accounts: await this.moderation.restrictedAccounts() };
  }

  @Get('moderation-log')
  @ApiOperation({ summary: 'The moderation audit log, latest first (admins only)' })
  async log(): Promise<ModerationLogResponse> {
    return { entries: await this.moderation.log() };
  }
}
