import {
  AuthResponseSchema,
  UserSchema,
  type LoginRequest,
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

export function getMe(signal?: AbortSignal): Promise<User> {
  return request('/me', UserSchema, { signal });
}

export function updateMe(body: UpdateMeRequest): Promise<User> {
  return request('/me', UserSchema, { method: 'PATCH', body });
}
