import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { AuthResponse, RegisterRequest } from '@mockboard/contracts';

/** A valid registration body with a unique email; override any field. */
export function aRegistration(overrides: Partial<RegisterRequest> = {}): RegisterRequest {
  const unique = randomUUID().slice(0, 8);
  return {
    email: `user-${unique}@example.test`,
    password: 'correct horse battery',
    displayName: `User ${unique}`,
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export interface SignedUpUser extends AuthResponse {
  password: string;
  bearer: { Authorization: string };
}

/** Registers a user through the API and returns it with its token, ready for authenticated calls. */
export async function signUp(
  baseUrl: string,
  overrides: Partial<RegisterRequest> = {},
): Promise<SignedUpUser> {
  const registration = aRegistration(overrides);
  const response = await request(baseUrl).post('/api/auth/register').send(registration).expect(201);
  const body = response.body as AuthResponse;
  return {
    ...body,
    password: registration.password,
    bearer: { Authorization: `Bearer ${body.accessToken}` },
  };
}
