import { z } from 'zod';
import { DateTimeLocaleSchema, RoleSchema, TargetLevelSchema, TimeZoneSchema } from './common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 60;

const EmailSchema = z.email({ message: 'must be a valid email address' }).max(254);
// Line breaks (the Unicode line and paragraph separators U+2028/U+2029 too), tabs and other C0/C1
// controls break every layout a name is shown in.
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;
// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text around
// them, so a name could pose as someone else's or reverse a partner's words on screen.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// What renders as nothing: spaces, format characters (zero-width space/joiners, marks), the
// blank "letters" (Hangul fillers, braille blank) that impersonate an empty name, and combining
// marks (U+034F grapheme joiner, variation selectors, accents) that have no letter to sit on.
const INVISIBLE = /[\p{Z}\p{Cf}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Why a display name cannot be shown safely, or null when it can. Shared by the API and the forms. */
export function displayNameProblem(name: string): string | null {
  if (CONTROL_CHARACTER.test(name)) return 'must not contain line breaks, tabs or other control characters';
  if (BIDI_CONTROL.test(name)) {
    return 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)';
  }
  if (name.length > 0 && name.replace(INVISIBLE, '').length === 0) {
    return 'must contain at least one visible character';
  }
  return null;
}

const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(DISPLAY_NAME_MAX_LENGTH, { message: `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters` })
  .superRefine((name, context) => {
    const problem = displayNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** Strength is checked on the server (a dictionary-based estimator); this is only the envelope. */
const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });

export const RegisterRequestSchema = z.strictObject({
  email: EmailSchema,
  password: NewPasswordSchema,
  displayName: DisplayNameSchema,
  timezone: TimeZoneSchema,
  /** Optional: a new user who skips it has no level ("New") until they choose one. */
  targetLevel: TargetLevelSchema.optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, { message: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** A user as the owner and admins see them. Partners see a narrower view (later issues). */
export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  timezone: z.string(),
  /** null: not chosen yet. */
  targetLevel: TargetLevelSchema.nullable(),
  role: RoleSchema,
  createdAt: z.iso.datetime(),
  /** How dates and times are written for this user (BCP 47, e.g. "en-US"); null: as the browser's language. */
  dateTimeLocale: z.string().nullable(),
  /** The owner opened the verification link sent to `email` (or reset their password through it). */
  emailVerified: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/** GET /api/me: the user, and what the web app needs to know about their address. */
export const MeResponseSchema = UserSchema.extend({
  /** A new address waiting for its verification link to be opened (change of address), or null. */
  pendingEmail: z.string().nullable(),
  /** Booking, offering, matching and sharing contacts need a verified address on this server. */
  emailVerificationRequired: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const AuthResponseSchema = z.object({
  user: UserSchema,
  accessToken: z.string(),
});
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const UpdateMeRequestSchema = z
  .strictObject({
    displayName: DisplayNameSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    targetLevel: TargetLevelSchema.optional(),
    /** null goes back to the browser's language. */
    dateTimeLocale: DateTimeLocaleSchema.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send at least one of displayName, timezone, targetLevel, dateTimeLocale',
  });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, { message: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** One sign-in (a browser or API client holding a token), as its owner sees it. */
export const SignInSessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** Shortened User-Agent header of the sign-in, null when the client sent none. */
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  /** The sign-in this request was made with. */
  current: z.boolean(),
});
export type SignInSession = z.infer<typeof SignInSessionSchema>;

export const SignInSessionListResponseSchema = z.object({
  sessions: z.array(SignInSessionSchema),
});
export type SignInSessionListResponse = z.infer<typeof SignInSessionListResponseSchema>;

export const RevokeSignInSessionsResponseSchema = z.object({
  /** How many sign-ins were ended. */
  revoked: z.number().int().nonnegative(),
});
export type RevokeSignInSessionsResponse = z.infer<typeof RevokeSignInSessionsResponseSchema>;

/** The cookie that carries the access token for browsers (httpOnly, SameSite=Lax). */
export const SESSION_COOKIE_NAME = 'mockboard_session';

export const AdminUserListResponseSchema = z.object({
  users: z.array(UserSchema),
});
export type AdminUserListResponse = z.infer<typeof AdminUserListResponseSchema>;

/**
 * A token from a link in an email (verify-email, reset-password): 32 random bytes, base64url.
 * Anything else is refused before a database look-up.
 */
const LinkTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { message: 'is not a link token; copy the whole link from the email' });

/** POST /api/auth/verify-email: the token from the link in the verification email. */
export const VerifyEmailRequestSchema = z.strictObject({ token: LinkTokenSchema });
export type VerifyEmailRequest = z.infer<typeof VerifyEmailRequestSchema>;

export const VerifyEmailResponseSchema = z.object({
  /** The address now verified (for a change of address, the new one). */
  email: z.string(),
});
export type VerifyEmailResponse = z.infer<typeof VerifyEmailResponseSchema>;

/** POST /api/auth/password-reset: always answered 202, whether or not the address has an account. */
export const PasswordResetRequestSchema = z.strictObject({ email: EmailSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** POST /api/auth/password-reset/confirm */
export const PasswordResetConfirmRequestSchema = z.strictObject({
  token: LinkTokenSchema,
  password: NewPasswordSchema,
});
export type PasswordResetConfirmRequest = z.infer<typeof PasswordResetConfirmRequestSchema>;

/** POST /api/me/email: the address changes once the link sent to the new one is opened. */
export const ChangeEmailRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, { message: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
});
export type ChangeEmailRequest = z.infer<typeof ChangeEmailRequestSchema>;

/** The one body every 202 of the account flows answers with (the same whoever asked). */
export const AcceptedResponseSchema = z.object({ message: z.string() });
export type AcceptedResponse = z.infer<typeof AcceptedResponseSchema>;

/**
 * `code` of the account flows' errors (ApiError.code), for clients that act on them: the web app
 * shows a resend button on `email_unverified` and `token_expired`.
 */
export const ACCOUNT_ERROR_CODES = {
  emailUnverified: 'email_unverified',
  tokenInvalid: 'token_invalid',
  tokenExpired: 'token_expired',
  tokenUsed: 'token_used',
  emailTaken: 'email_taken',
} as const;
