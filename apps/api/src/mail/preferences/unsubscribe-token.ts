import { createHmac, timingSafeEqual } from 'node:crypto';
import { OptionalMailKindSchema, type OptionalMailKind } from '@mockboard/contracts';

/** What an unsubscribe link stands for: this user no longer wants this kind of mail. */
export interface UnsubscribeGrant {
  userId: string;
  kind: OptionalMailKind;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The key for unsubscribe links, derived from the server's JWT secret: one secret to configure,
 * yet a signature made for one purpose can never pass for the other.
 */
export function unsubscribeKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('mail-unsubscribe').digest();
}

/**
 * `<userId>.<kind>.<HMAC-SHA256 in base64url>`. No expiry on purpose: an unsubscribe link in a
 * months-old mail must still work (RFC 8058 asks links to keep working), and all it can do is
 * stop (or restart) one kind of mail for one person.
 */
export function signUnsubscribeToken(key: Buffer, grant: UnsubscribeGrant): string {
  return `${grant.userId}.${grant.kind}.${mac(key, grant)}`;
}

/** The grant a token carries, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeGrant | null {
  const [userId, kind, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !signature || !UUID.test(userId)) return null;
  const parsedKind = OptionalMailKindSchema.safeParse(kind);
  if (!parsedKind.success) return null;
  const grant = { userId, kind: parsedKind.data };
  // The text is compared, not the decoded bytes: a base64url decoder ignores the spare low bits of
  // the last character, so two different strings would decode alike. Constant time, so the
  // signature cannot be found byte by byte from response times.
  const expected = Buffer.from(mac(key, grant));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? grant : null;
}

function mac(key: Buffer, grant: UnsubscribeGrant): string {
  return createHmac('sha256', key).update(`${grant.userId}\n${grant.kind}`).digest('base64url');
}
