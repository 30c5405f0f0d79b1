import { z } from 'zod';
import { RoleSchema, TargetLevelSchema, TimeZoneSchema } from './common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 60;

const EmailSchema = z.email({ message: 'must be a valid email address' }).max(254);
const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(DISPLAY_NAME_MAX_LENGTH, { message: `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters` });

export const RegisterRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
  displayName: DisplayNameSchema,
  timezone: TimeZoneSchema,
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
  targetLevel: TargetLevelSchema,
  role: RoleSchema,
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof UserSchema>;

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
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send at least one of displayName, timezone, targetLevel',
  });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

/** The cookie that carries the access token for browsers (httpOnly, SameSite=Lax). */
export const SESSION_COOKIE_NAME = 'mockboard_session';

export const AdminUserListResponseSchema = z.object({
  users: z.array(UserSchema),
});
export type AdminUserListResponse = z.infer<typeof AdminUserListResponseSchema>;
