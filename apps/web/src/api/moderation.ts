import {
  AdminReportListResponseSchema,
  BlockedUserSchema,
  BlockListResponseSchema,
  ModerationLogEntrySchema,
  ModerationLogResponseSchema,
  ModerationResultSchema,
  ReportSchema,
  RestrictedAccountListResponseSchema,
  type AdminReportListResponse,
  type BlockedUser,
  type BlockListResponse,
  type CreateReportRequest,
  type ModerateUserRequest,
  type ModerationLogEntry,
  type ModerationLogResponse,
  type ModerationResult,
  type Report,
  type ReportStatus,
  type RestrictedAccountListResponse,
} from '@mockboard/contracts';
import { request } from './client';

export function reportPartner(sessionId: string, body: CreateReportRequest): Promise<Report> {
  return request(`/sessions/${encodeURIComponent(sessionId)}/reports`, ReportSchema, {
    method: 'POST',
    body,
  });
}

export function blockUser(userId: string): Promise<BlockedUser> {
  return request('/blocks', BlockedUserSchema, { method: 'POST', body: { userId } });
}

export function unblockUser(userId: string): Promise<void> {
  return request(`/blocks/${encodeURIComponent(userId)}`, null, { method: 'DELETE' });
}

export function listBlocks(signal?: AbortSignal): Promise<BlockListResponse> {
  return request('/blocks', BlockListResponseSchema, { signal });
}

export function listReports(status: ReportStatus, signal?: AbortSignal): Promise<AdminReportListResponse> {
  return request(`/admin/reports?status=${status}`, AdminReportListResponseSchema, { signal });
}

export function moderateUser(userId: string, body: ModerateUserRequest): Promise<ModerationResult> {
  return request(`/admin/users/${encodeURIComponent(userId)}/moderation`, ModerationResultSchema, {
    method: 'POST',
    body,
  });
}

export function resolveReport(reportId: string, note: string): Promise<ModerationLogEntry> {
  return request(`/admin/reports/${encodeURIComponent(reportId)}/resolve`, ModerationLogEntrySchema, {
    method: 'POST',
    body: { note },
  });
}

export function moderationLog(signal?: AbortSignal): Promise<ModerationLogResponse> {
  return request('/admin/moderation-log', ModerationLogResponseSchema, { signal });
}

export function listRestrictedAccounts(signal?: AbortSignal): Promise<RestrictedAccountListResponse> {
  return request('/admin/restricted-accounts', RestrictedAccountListResponseSchema, { signal });
}
