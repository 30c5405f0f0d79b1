import { z } from 'zod';

/**
 * Every kind of email Mockboard sends. `booked` covers a booking and a match (both carry the
 * calendar invitation); `reminder` covers every configured reminder before a session.
 */
export const MAIL_KINDS = [
  'verify_email',
  'password_reset',
  'booked',
  'rescheduled',
  'cancelled',
  'reminder',
  'no_show',
  'feedback_ready',
] as const;
export const MailKindSchema = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof MailKindSchema>;

/**
 * The kinds a reader may turn off (profile, or the unsubscribe link in each such mail). Address
 * verification and password reset answer the reader's own request and always go out.
 */
export const OPTIONAL_MAIL_KINDS = [
  'booked',
  'rescheduled',
  'cancelled',
  'reminder',
  'no_show',
  'feedback_ready',
] as const satisfies readonly MailKind[];
export const OptionalMailKindSchema = z.enum(OPTIONAL_MAIL_KINDS);
export type OptionalMailKind = z.infer<typeof OptionalMailKindSchema>;

/** What each optional kind is called in the profile and on the unsubscribe page. */
export const MAIL_KIND_LABELS: Record<OptionalMailKind, string> = {
  booked: 'Bookings and matches, with the calendar invitation',
  rescheduled: 'A session moved to a new time',
  cancelled: 'A session cancelled by your partner',
  reminder: 'Reminders before a session',
  no_show: 'Your partner did not come',
  feedback_ready: "Your partner's feedback is ready",
};

/** GET/PUT /api/me/mail-preferences: true = this kind is sent. */
export const MailPreferencesSchema = z.strictObject(
  Object.fromEntries(OPTIONAL_MAIL_KINDS.map((kind) => [kind, z.boolean()])) as Record<
    OptionalMailKind,
    z.ZodBoolean
  >,
);
export type MailPreferences = z.infer<typeof MailPreferencesSchema>;
/** PUT body: any subset of the kinds. */
export const UpdateMailPreferencesRequestSchema = MailPreferencesSchema.partial();
export type UpdateMailPreferencesRequest = z.infer<typeof UpdateMailPreferencesRequestSchema>;

/** One message as the admins' dev mailbox shows it (only when no SMTP_URL is set). */
export const DevMailSchema = z.object({
  id: z.uuid(),
  kind: MailKindSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** File names of attachments, e.g. invite.ics. */
  attachments: z.array(z.string()),
  sentAt: z.iso.datetime(),
});
export type DevMail = z.infer<typeof DevMailSchema>;
export const DevMailboxResponseSchema = z.object({
  messages: z.array(DevMailSchema),
  /** SMTP_URL is set: new mail goes to the SMTP server, not here. */
  deliversToSmtp: z.boolean(),
});
export type DevMailboxResponse = z.infer<typeof DevMailboxResponseSchema>;
