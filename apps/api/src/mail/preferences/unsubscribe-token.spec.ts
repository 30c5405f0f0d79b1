import { randomUUID } from 'node:crypto';
import { signUnsubscribeToken, unsubscribeKey, verifyUnsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const key = unsubscribeKey('server secret');
  const grant = { userId: randomUUID(), kind: 'reminder' as const };
  const token = signUnsubscribeToken(key, grant);

  it('carry the user and the kind they were signed for', () => {
    expect(verifyUnsubscribeToken(key, token)).toEqual(grant);
  });

  it('refuse every one-character change of the signature, even in its last character', () => {
    const signatureStart = token.lastIndexOf('.') + 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let at = signatureStart; at < token.length; at++) {
      for (const replacement of alphabet) {
        if (replacement === token[at]) continue;
        const changed = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
        expect(verifyUnsubscribeToken(key, changed)).toBeNull();
      }
    }
  });

  it('refuse another kind, another user, another key and malformed text', () => {
    const [, , signature] = token.split('.');
    expect(verifyUnsubscribeToken(key, `${grant.userId}.booked.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${randomUUID()}.reminder.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(unsubscribeKey('another secret'), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token}.extra`)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${grant.userId}.verify_email.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(key, '')).toBeNull();
  });

  it('are signed with a key of their own, not the JWT secret itself', () => {
    const withRawSecret = signUnsubscribeToken(Buffer.from('server secret'), grant);
    expect(verifyUnsubscribeToken(key, withRawSecret)).toBeNull();
  });
});
