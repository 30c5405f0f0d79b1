import { createHash } from 'node:crypto';
import { VerifyEmailRequestSchema } from '@mockboard/contracts';
import { hashAccountToken, newAccountToken } from './account-token';

describe('account link tokens', () => {
  it('are 32 random bytes in base64url, accepted by the contract the links are posted with', () => {
    const { token } = newAccountToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(VerifyEmailRequestSchema.safeParse({ token }).success).toBe(true);
  });

  it('are stored only as their SHA-256, which the token posted back finds again', () => {
    const { token, hash } = newAccountToken();
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashAccountToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it('differ every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newAccountToken().token));
    expect(tokens.size).toBe(100);
  });
});
