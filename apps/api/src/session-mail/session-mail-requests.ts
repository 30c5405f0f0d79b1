/**
 * Moved to mail/requests/session-mail-requests.ts (no scheduling ↔ session-mail folder cycle).
 * Kept only while moderation.service.ts and mail-delivery.test.ts, being edited by others, still
 * import this path on main; delete it once they import the new one.
 */
export * from '../mail/requests/session-mail-requests';
