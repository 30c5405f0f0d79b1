/**
 * `ada@example.com` → `a***@example.com`: enough for the reader to recognise their address on the
 * unsubscribe page, not enough to harvest it when the link has been forwarded.
 */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
