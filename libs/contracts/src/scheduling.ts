import { z } from 'zod';
import { TargetLevelSchema } from './common';
import { PromptIdSchema } from './prompts';

/** `swap`: two rounds, each participant interviews the other; `single`: one round. */
export const SESSION_FORMATS = ['swap', 'single'] as const;
export const SessionFormatSchema = z.enum(SESSION_FORMATS);
export type SessionFormat = z.infer<typeof SessionFormatSchema>;
export const DEFAULT_DURATION_MINUTES: Record<SessionFormat, number> = { swap: 90, single: 60 };

export const SESSION_STATUSES = [
  'scheduled',
  'live',
  'scoring',
  'completed',
  'cancelled',
  'no_show',
] as const;
export const SessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Who the slot's host plays in a `single` session; `swap` sessions always alternate. */
export const HOST_ROLES = ['interviewer', 'candidate'] as const;
export const HostRoleSchema = z.enum(HOST_ROLES);
export type HostRole = z.infer<typeof HostRoleSchema>;

export const MIN_DURATION_MINUTES = 30;
export const MAX_DURATION_MINUTES = 180;
/** Slots start at least this long ahead, at most this many days ahead, on a quarter hour. */
export const MIN_LEAD_MINUTES = 5;
export const MAX_LEAD_DAYS = 60;

const IsoInstantSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-12-03T18:00:00Z',
});

export const DurationSchema = z
  .number()
  .int()
  .min(MIN_DURATION_MINUTES, { message: `must be at least ${MIN_DURATION_MINUTES} minutes` })
  .max(MAX_DURATION_MINUTES, { message: `must be at most ${MAX_DURATION_MINUTES} minutes` })
  .refine((minutes) => minutes % 15 === 0, { message: 'must be a multiple of 15 minutes' });

/** What partners learn of each other: never the email (see contact sharing). */
export const ReliabilitySchema = z.object({
  sessionsCompleted: z.number().int(),
  lateCancellations: z.number().int(),
  noShows: z.number().int(),
});
export type Reliability = z.infer<typeof ReliabilitySchema>;

export const PartnerSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  /** null: not chosen yet (shown as "New"). */
  targetLevel: TargetLevelSchema.nullable(),
  reliability: ReliabilitySchema,
});
export type Partner = z.infer<typeof PartnerSchema>;

// ---- Slots ---------------------------------------------------------------------------------------

export const CreateSlotRequestSchema = z.strictObject({
  startsAt: IsoInstantSchema,
  durationMinutes: DurationSchema.optional(),
  format: SessionFormatSchema.default('swap'),
  promptId: PromptIdSchema.optional(),
  level: TargetLevelSchema.optional(),
  hostRole: HostRoleSchema.optional(),
});
export type CreateSlotRequest = z.input<typeof CreateSlotRequestSchema>;

export const SLOT_STATUSES = ['open', 'booked', 'withdrawn'] as const;
export const SlotSchema = z.object({
  id: z.uuid(),
  host: PartnerSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  format: SessionFormatSchema,
  promptId: z.string().nullable(),
  level: TargetLevelSchema.nullable(),
  hostRole: HostRoleSchema,
  status: z.enum(SLOT_STATUSES),
  sessionId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const SlotListQuerySchema = z.strictObject({
  from: IsoInstantSchema.optional(),
  to: IsoInstantSchema.optional(),
  level: TargetLevelSchema.optional(),
  /** `mine`: the caller's own open slots instead of others'. */
  mine: z.enum(['true', 'false']).optional(),
});
export type SlotListQuery = z.infer<typeof SlotListQuerySchema>;

/**
 * A slot as a search lists it: open and unbooked by definition, so without `status` and
 * `sessionId`, and without `createdAt`, which no one is shown. A week of 500 slots is the largest
 * response a person waits for (bench/booking); every byte is serialized, sent and parsed 500 times.
 */
export const OpenSlotSchema = SlotSchema.omit({ status: true, sessionId: true, createdAt: true });
export type OpenSlot = z.infer<typeof OpenSlotSchema>;

export const SlotListResponseSchema = z.object({ slots: z.array(OpenSlotSchema) });
export type SlotListResponse = z.infer<typeof SlotListResponseSchema>;

// ---- Sessions ------------------------------------------------------------------------------------

export const ROUND_ROLES = ['interviewer', 'candidate'] as const;

export const RoundSchema = z.object({
  number: z.union([z.literal(1), z.literal(2)]),
  interviewerId: z.uuid(),
  candidateId: z.uuid(),
  promptId: z.string().nullable(),
  promptTitle: z.string().nullable(),
  /**
   * Present (true) only when the interview ended before this round began (a swap session ended in
   * round 1): it never took place. Its scorecards are still accepted, but nothing waits for them.
   * Absent otherwise, so a round reads as it always has.
   */
  skipped: z.literal(true).optional(),
});
export type Round = z.infer<typeof RoundSchema>;

export const ParticipantSchema = PartnerSchema.extend({
  joinedAt: z.iso.datetime().nullable(),
  noShow: z.boolean(),
  /** Present only when both participants agreed to share contact details after the session. */
  email: z.string().nullable(),
  sharesContact: z.boolean(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const RescheduleProposalSchema = z.object({
  id: z.uuid(),
  proposedBy: z.uuid(),
  startsAt: z.iso.datetime(),
  status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
  createdAt: z.iso.datetime(),
});
export type RescheduleProposal = z.infer<typeof RescheduleProposalSchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['peer', 'solo']),
  format: SessionFormatSchema,
  status: SessionStatusSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  participants: z.array(ParticipantSchema),
  rounds: z.array(RoundSchema),
  cancellation: z
    .object({
      /** Null when Mockboard's moderators cancelled it (a participant's account was suspended). */
      cancelledBy: z.uuid().nullable(),
      reason: z.string(),
      late: z.boolean(),
      cancelledAt: z.iso.datetime(),
    })
    .nullable(),
  pendingReschedule: RescheduleProposalSchema.nullable(),
  /** Link to the live room in the web app. */
  roomUrl: z.string(),
  createdAt: z.iso.datetime(),
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionListResponseSchema = z.object({
  upcoming: z.array(SessionSchema),
  past: z.array(SessionSchema),
});
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

export const SoloSessionRequestSchema = z.strictObject({ promptId: PromptIdSchema });
export type SoloSessionRequest = z.infer<typeof SoloSessionRequestSchema>;

export const CancelSessionRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, { message: 'tell your partner why' }).max(500),
});
export type CancelSessionRequest = z.infer<typeof CancelSessionRequestSchema>;

export const ProposeRescheduleRequestSchema = z.strictObject({ startsAt: IsoInstantSchema });
export type ProposeRescheduleRequest = z.infer<typeof ProposeRescheduleRequestSchema>;

export const RespondRescheduleRequestSchema = z.strictObject({ accept: z.boolean() });
export type RespondRescheduleRequest = z.infer<typeof RespondRescheduleRequestSchema>;

export const ChooseRoundPromptRequestSchema = z.strictObject({
  /** A prompt id, or "surprise" for one the candidate has not been asked before. */
  promptId: z.union([z.literal('surprise'), PromptIdSchema]),
});
export type ChooseRoundPromptRequest = z.infer<typeof ChooseRoundPromptRequestSchema>;

/**
 * GET /api/sessions/:id/rounds/:round/prompt-choices, for the round's interviewer: what the library
 * offers them, before they choose. `askedBefore` are refused (the candidate was asked them in an
 * earlier session); `inThisSession` are allowed, but another round here already uses them.
 */
export const RoundPromptChoicesSchema = z.object({
  askedBefore: z.array(z.string()),
  inThisSession: z.array(z.string()),
});
export type RoundPromptChoices = z.infer<typeof RoundPromptChoicesSchema>;

export const ContactSharingRequestSchema = z.strictObject({ share: z.boolean() });
export type ContactSharingRequest = z.infer<typeof ContactSharingRequestSchema>;

// ---- Matching ------------------------------------------------------------------------------------

/** A practice-now request waits this long for a partner, then expires. */
export const PRACTICE_NOW_WAIT_MINUTES = 5;

export const MatchRequestCreateSchema = z.strictObject({
  startsAt: z.union([z.literal('now'), IsoInstantSchema]),
  durationMinutes: DurationSchema.optional(),
  format: SessionFormatSchema.default('swap'),
  level: TargetLevelSchema.optional(),
  promptPreferences: z
    .strictObject({
      tags: z.array(z.string().max(64)).max(8).optional(),
      promptIds: z.array(PromptIdSchema).max(8).optional(),
    })
    .optional(),
});
export type MatchRequestCreate = z.input<typeof MatchRequestCreateSchema>;

export const MATCH_REQUEST_STATUSES = ['pending', 'matched', 'cancelled', 'expired'] as const;
export const MatchRequestSchema = z.object({
  id: z.uuid(),
  practiceNow: z.boolean(),
  startsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  format: SessionFormatSchema,
  level: TargetLevelSchema.nullable(),
  status: z.enum(MATCH_REQUEST_STATUSES),
  sessionId: z.uuid().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type MatchRequest = z.infer<typeof MatchRequestSchema>;

export const MatchRequestListResponseSchema = z.object({ requests: z.array(MatchRequestSchema) });
export type MatchRequestListResponse = z.infer<typeof MatchRequestListResponseSchema>;

/**
 * A rescued no-show: the new session when someone was waiting to practise now, otherwise the
 * practice-now request that now waits for the next person.
 */
export const RescueResponseSchema = z.object({
  session: SessionSchema.nullable(),
  matchRequest: MatchRequestSchema.nullable(),
});
export type RescueResponse = z.infer<typeof RescueResponseSchema>;

// ---- Profiles, calendar, notifications -------------------------------------------------------------

export const ProfileStatsSchema = ReliabilitySchema;

export const CalendarFeedResponseSchema = z.object({
  /** Private URL any calendar app can subscribe to; revoke to make a new one. */
  url: z.string(),
});
export type CalendarFeedResponse = z.infer<typeof CalendarFeedResponseSchema>;

export const NOTIFICATION_TYPES = [
  'booked',
  'matched',
  'cancelled',
  'rescheduled',
  'reschedule_proposed',
  'starting_soon',
  'no_show',
  /** A moderator's warning to the reader (issue 15). */
  'warning',
] as const;
export const NotificationSchema = z.object({
  id: z.uuid(),
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string(),
  body: z.string(),
  sessionId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListResponseSchema = z.object({
  notifications: z.array(NotificationSchema),
  unreadCount: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponseSchema>;

/** Server → client socket event carrying a new notification. */
export const NOTIFICATION_EVENT = 'notification';

export const MarkNotificationsReadRequestSchema = z.strictObject({
  /** The notifications to mark read; omit to mark all of them. */
  ids: z.array(z.uuid()).max(100).optional(),
});
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequestSchema>;
