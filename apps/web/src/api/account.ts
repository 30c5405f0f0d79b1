import {
  AcceptedResponseSchema,
  VerifyEmailResponseSchema,
  type ChangeEmailRequest,
  type PasswordResetConfirmRequest,
  type VerifyEmailResponse,
} from '@mockboard/contracts';
import { request } from './client';

/** The verification link's token, posted by /verify-email; the address it verified. */
export function verifyEmail(token: string): Promise<VerifyEmailResponse> {
  return request('/auth/verify-email', VerifyEmailResponseSchema, { method: 'POST', body: { token } });
}

/** A new verification link (to the pending new address, if a change waits). At most one a minute. */
export async function resendVerification(): Promise<string> {
  const { message } = await request('/auth/verify-email/resend', AcceptedResponseSchema, { method: 'POST' });
  return message;
}

/** The same answer whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<string> {
  const { message } = await request('/auth/password-reset', AcceptedResponseSchema, {
    method: 'POST',
    body: { email },
  });
  return message;
}

/** Sets the new password; the server ends every sign-in of the account. */
export function confirmPasswordReset(body: PasswordResetConfirmRequest): Promise<void> {
  return request('/auth/password-reset/confirm', null, { method: 'POST', body });
}

/** Gives up a change of address: the link sent to the new one stops working. */
export function cancelEmailChange(): Promise<void> {
  return request('/me/email/pending', null, { method: 'DELETE' });
}

/** Sends a link to the new address; the account moves there when it is opened. */
export async function changeEmail(body: ChangeEmailRequest): Promise<string> {
  const { message } = await request('/me/email', AcceptedResponseSchema, { method: 'POST', body });
  return message;
}
