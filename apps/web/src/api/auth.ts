import {
  AuthResponseSchema,
  MeResponseSchema,
  RevokeSignInSessionsResponseSchema,
  SignInSessionListResponseSchema,
  UserSchema,
  type ChangePasswordRequest,
  type LoginRequest,
  type MeResponse,
  type SignInSession,
  type RegisterRequest,
  type UpdateMeRequest,
  type User,
} from '@mockboard/contracts';
import { request } from './client';

// The response also carries an access token for non-browser clients; the browser ignores it and
// relies on the httpOnly cookie, so no token ever reaches script-readable storage.

export async function register(body: RegisterRequest): Promise<User> {
  const { user } = await request('/auth/register', AuthResponseSchema, { method: 'POST', body });
  return user;
}

export async function login(body: LoginRequest): Promise<User> {
  const { user } = await request('/auth/login', AuthResponseSchema, { method: 'POST', body });
  return user;
}

export function logout(): Promise<void> {
  return request('/auth/logout', null, { method: 'POST' });
}

/** The user, with the state of their address (pending change, whether verification is required). */
export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return request('/me', MeResponseSchema, { signal });
}

export function updateMe(body: UpdateMeRequest): Promise<User> {
  return request('/me', UserSchema, { method: 'PATCH', body });
}

/** Needs the current password; the server signs out every other sign-in on success. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return request('/me/password', null, { method: 'POST', body });
}

export async function listSignIns(signal?: AbortSignal): Promise<SignInSession[]> {
  const { sessions } = await request('/me/sessions', SignInSessionListResponseSchema, { signal });
  return sessions;
}

export function revokeSignIn(id: string): Promise<void> {
  return request(`/me/sessions/${encodeURIComponent(id)}`, null, { method: 'DELETE' });
}

/** Ends every sign-in of the user, this browser's included. */
export async function revokeAllSignIns(): Promise<number> {
  const { revoked } = await request('/me/sessions/revoke-all', RevokeSignInSessionsResponseSchema, {
    method: 'POST',
  });
  return revoked;
}
