import { z } from 'zod';
import { SessionStatusSchema } from './scheduling';

/** Why a participant reports their partner. */
export const REPORT_REASONS = ['no_show', 'abusive', 'inappropriate_content', 'other'] as const;
export const ReportReasonSchema = z.enum(REPORT_REASONS, {
  message: `must be one of ${REPORT_REASONS.join(', ')}`,
});
export type ReportReason = z.infer<typeof ReportReasonSchema>;

/** What each reason is called in the report dialog and on the moderation page. */
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  no_show: 'Did not show up',
  abusive: 'Abusive or harassing',
  inappropriate_content: 'Inappropriate content on the board or in the chat',
  other: 'Something else',
};

export const REPORT_COMMENT_MAX_LENGTH = 2000;

/**
 * POST /api/sessions/:id/reports: a participant reports their partner. A comment is required for
 * `other` (the reason alone says nothing then). A second report of the same session while the first
 * is open replaces its reason and comment.
 */
export const CreateReportRequestSchema = z
  .strictObject({
    reason: ReportReasonSchema,
    comment: z
      .string()
      .trim()
      .max(REPORT_COMMENT_MAX_LENGTH, { message: `must be at most ${REPORT_COMMENT_MAX_LENGTH} characters` })
      .optional(),
  })
  .refine((report) => report.reason !== 'other' || (report.comment ?? '').length > 0, {
    path: ['comment'],
    message: 'must say what happened when the reason is "other"',
  });
export type CreateReportRequest = z.infer<typeof CreateReportRequestSchema>;

export const REPORT_STATUSES = ['open', 'resolved'] as const;
export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

/** What the reporter gets back. */
export const ReportSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  subjectId: z.uuid(),
  reason: ReportReasonSchema,
  comment: z.string().nullable(),
  status: ReportStatusSchema,
  createdAt: z.iso.datetime(),
});
export type Report = z.infer<typeof ReportSchema>;

/** POST /api/blocks */
export const CreateBlockRequestSchema = z.strictObject({ userId: z.uuid({ message: 'must be a user id' }) });
export type CreateBlockRequest = z.infer<typeof CreateBlockRequestSchema>;

/** One person the user blocked, with the name to recognise them by (the profile's list). */
export const BlockedUserSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  blockedAt: z.iso.datetime(),
});
export type BlockedUser = z.infer<typeof BlockedUserSchema>;

export const BlockListResponseSchema = z.object({ blocks: z.array(BlockedUserSchema) });
export type BlockListResponse = z.infer<typeof BlockListResponseSchema>;

/** A person as the moderation page names them. */
export const ModeratedPersonSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
});
export type ModeratedPerson = z.infer<typeof ModeratedPersonSchema>;

/** Whether an account may sign in: `suspended` until a time, `banned` until reinstated. */
export const ACCOUNT_STANDINGS = ['good', 'suspended', 'banned'] as const;
export const AccountStandingSchema = z.object({
  state: z.enum(ACCOUNT_STANDINGS),
  /** End of a suspension; null otherwise. */
  until: z.iso.datetime().nullable(),
});
export type AccountStanding = z.infer<typeof AccountStandingSchema>;

/** GET /api/admin/reports: a report with what an admin needs to judge it. */
export const AdminReportSchema = z.object({
  id: z.uuid(),
  status: ReportStatusSchema,
  reason: ReportReasonSchema,
  comment: z.string().nullable(),
  createdAt: z.iso.datetime(),
  reporter: ModeratedPersonSchema,
  subject: ModeratedPersonSchema.extend({
    standing: AccountStandingSchema,
    /** Reports of this subject made before this one (by anyone, open or resolved). */
    earlierReports: z.number().int(),
  }),
  session: z.object({
    id: z.uuid(),
    startsAt: z.iso.datetime(),
    status: SessionStatusSchema,
    /** Titles of the rounds' prompts, in round order (a round without a prompt is left out). */
    prompts: z.array(z.string()),
    /** The web page that replays the board and chat, kept for review. */
    replayPath: z.string(),
  }),
  resolution: z.object({ note: z.string(), by: z.string(), at: z.iso.datetime() }).nullable(),
});
export type AdminReport = z.infer<typeof AdminReportSchema>;

export const AdminReportListQuerySchema = z.strictObject({
  status: ReportStatusSchema.optional(),
});
export type AdminReportListQuery = z.infer<typeof AdminReportListQuerySchema>;

export const AdminReportListResponseSchema = z.object({ reports: z.array(AdminReportSchema) });
export type AdminReportListResponse = z.infer<typeof AdminReportListResponseSchema>;

export const MODERATION_ACTIONS = ['warn', 'suspend', 'ban', 'reinstate'] as const;
export const ModerationActionSchema = z.enum(MODERATION_ACTIONS, {
  message: `must be one of ${MODERATION_ACTIONS.join(', ')}`,
});
export type ModerationAction = z.infer<typeof ModerationActionSchema>;

export const MODERATION_REASON_MAX_LENGTH = 2000;
const ModerationReasonSchema = z
  .string()
  .trim()
  .min(1, { message: 'must say why' })
  .max(MODERATION_REASON_MAX_LENGTH, {
    message: `must be at most ${MODERATION_REASON_MAX_LENGTH} characters`,
  });

/**
 * POST /api/admin/users/:id/moderation. `until` (a future instant) is required for `suspend` and
 * refused for the others; `reportId` ties the action to the report it answers, and resolves it.
 */
export const ModerateUserRequestSchema = z
  .strictObject({
    action: ModerationActionSchema,
    reason: ModerationReasonSchema,
    until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }).optional(),
    reportId: z.uuid({ message: 'must be a report id' }).optional(),
  })
  .refine((body) => body.action !== 'suspend' || body.until !== undefined, {
    path: ['until'],
    message: 'is required to suspend: the suspension ends by itself then',
  })
  .refine((body) => body.action === 'suspend' || body.until === undefined, {
    path: ['until'],
    message: 'is only for suspend',
  });
export type ModerateUserRequest = z.infer<typeof ModerateUserRequestSchema>;

/** POST /api/admin/reports/:id/resolve: closes a report, e.g. dismissing it. */
export const ResolveReportRequestSchema = z.strictObject({ note: ModerationReasonSchema });
export type ResolveReportRequest = z.infer<typeof ResolveReportRequestSchema>;

/** Every audited moderation step: the four actions and the resolving of a report. */
export const AUDITED_MODERATION_ACTIONS = [...MODERATION_ACTIONS, 'resolve'] as const;

/** One row of the audit log: who did what to whom, why, and when. */
export const ModerationLogEntrySchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  admin: ModeratedPersonSchema,
  user: ModeratedPersonSchema,
  action: z.enum(AUDITED_MODERATION_ACTIONS),
  reason: z.string(),
  until: z.iso.datetime().nullable(),
  reportId: z.uuid().nullable(),
});
export type ModerationLogEntry = z.infer<typeof ModerationLogEntrySchema>;

export const ModerationLogResponseSchema = z.object({ entries: z.array(ModerationLogEntrySchema) });
export type ModerationLogResponse = z.infer<typeof ModerationLogResponseSchema>;

/** What a moderation action did, for the admin's confirmation. */
export const ModerationResultSchema = z.object({
  entry: ModerationLogEntrySchema,
  standing: AccountStandingSchema,
  /** Upcoming sessions cancelled (suspend, ban). */
  cancelledSessions: z.number().int(),
  /** Sign-ins ended (suspend, ban). */
  signInsEnded: z.number().int(),
});
export type ModerationResult = z.infer<typeof ModerationResultSchema>;

/** GET /api/admin/restricted-accounts: an account suspended or banned now, to reinstate from. */
export const RestrictedAccountSchema = z.object({
  user: ModeratedPersonSchema,
  state: z.enum(['suspended', 'banned']),
  /** End of a suspension; null for a ban. */
  until: z.iso.datetime().nullable(),
  reason: z.string(),
  since: z.iso.datetime(),
});
export type RestrictedAccount = z.infer<typeof RestrictedAccountSchema>;

export const RestrictedAccountListResponseSchema = z.object({ accounts: z.array(RestrictedAccountSchema) });
export type RestrictedAccountListResponse = z.infer<typeof RestrictedAccountListResponseSchema>;

/** `code` of the errors that refuse a suspended or banned account (ApiError.code). */
export const ACCOUNT_RESTRICTION_CODES = {
  suspended: 'account_suspended',
  banned: 'account_banned',
} as const;
