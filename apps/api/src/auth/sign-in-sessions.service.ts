import { Injectable } from '@nestjs/common';
import type { SignInSession } from '@mockboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound, type DomainError } from '../common/domain-error';
import { accountRestricted } from './account-restricted.error';
import { AccountRestrictionsRepository } from './account-restrictions.repository';
import { AuthTokens } from './auth.tokens';
import { SignInSessionsRepository, type SignInSessionRow } from './sign-in-sessions.repository';
import { SignInSocketsGateway } from './sign-in-sockets.gateway';
import type { AuthUser } from './auth-user';

/** What a request or socket is authenticated as: a user, through one live sign-in session. */
export interface Authenticated {
  user: AuthUser;
  sessionId: string;
}

/** Where a sign-in came from, as shown in the profile's list. */
export interface SignInClient {
  userAgent: string | undefined;
  ip: string | undefined;
}

// last_seen_at is for people ("active 5 minutes ago"): one write a minute at most per session.
const LAST_SEEN_RESOLUTION_SECONDS = 60;
const USER_AGENT_MAX_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server-side sign-in sessions behind the JWTs: a token is honoured only while its session row is
 * live, read by primary key on every request and socket handshake (no cache, so a revocation holds
 * at once on every instance), and revoking a session also disconnects its sockets.
 */
@Injectable()
export class SignInSessions {
  constructor(
    private readonly sessions: SignInSessionsRepository,
    private readonly tokens: AuthTokens,
    private readonly sockets: SignInSocketsGateway,
    private readonly restrictions: AccountRestrictionsRepository,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Opens a session for the user and returns its access token. Every way of signing in comes
   * through here, so a suspended or banned account is refused here (403, saying until when). The
   * check and the insert share a transaction that holds the account against a concurrent
   * suspension (see AccountRestrictionsRepository.holdForSignIn).
   */
  async start(userId: string, client: SignInClient): Promise<string> {
    const session = await this.dataSource.transaction(async (manager) => {
      await this.restrictions.holdForSignIn(manager, userId);
      const restriction = await this.restrictions.inForce(userId, manager);
      if (restriction) throw accountRestricted(restriction, 'forbidden');
      return this.sessions.insert(manager, {
        userId,
        ttlSeconds: this.tokens.ttlSeconds,
        userAgent: shortUserAgent(client.userAgent),
        ip: client.ip?.slice(0, 64) || null,
      });
    });
    return this.tokens.issue({ userId, sessionId: session.id });
  }

  /**
   * The user and session behind a token, or null if the token is bad, its session is over or its
   * account is suspended or banned (refusalBehind then says which).
   */
  async authenticate(token: string): Promise<Authenticated | null> {
    const subject = await this.tokens.subjectFrom(token);
    if (!subject || !UUID.test(subject.sessionId) || !UUID.test(subject.userId)) return null;
    const signIn = await this.sessions.findUsable(subject.sessionId, subject.userId);
    if (!signIn) return null;
    if (Date.now() - signIn.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_SECONDS * 1000) {
      await this.sessions.touch(signIn.sessionId, LAST_SEEN_RESOLUTION_SECONDS);
    }
    return { user: signIn.user, sessionId: signIn.sessionId };
  }

  /**
   * Why a token that `authenticate` refused is refused, when the reason is a suspension or ban of
   * its account (a 401 that says so); null for any other reason (expired, signed out, forged).
   */
  async refusalBehind(token: string): Promise<DomainError | null> {
    const subject = await this.tokens.subjectFrom(token);
    if (!subject || !UUID.test(subject.userId)) return null;
    const restriction = await this.restrictions.inForce(subject.userId);
    return restriction ? accountRestricted(restriction, 'unauthenticated') : null;
  }

  async list(userId: string, currentSessionId: string): Promise<SignInSession[]> {
    const rows = await this.sessions.listLive(userId);
    return rows.map((row) => toSignInSessionView(row, currentSessionId));
  }

  /** Ends one of the user's sessions; someone else's (or an ended one) is "not found". */
  async revoke(userId: string, sessionId: string): Promise<void> {
    const revoked = UUID.test(sessionId) ? await this.sessions.revoke(userId, sessionId) : null;
    if (!revoked) throw notFound('No active sign-in with this id');
    this.sockets.disconnect([revoked]);
  }

  /** Ends every session of the user but `keep` (null ends them all); returns how many ended. */
  async revokeAll(userId: string, keep: string | null): Promise<number> {
    const revoked = await this.sessions.revokeAll(userId, keep);
    this.sockets.disconnect(revoked);
    return revoked.length;
  }

  /**
   * Ends every session of the user inside the caller's transaction (a suspension's, so that it
   * cannot commit with a sign-in left). Returns the ended ids: once the transaction has committed,
   * pass them to `disconnect`.
   */
  revokeAllWithin(manager: EntityManager, userId: string): Promise<string[]> {
    return this.sessions.revokeAll(userId, null, manager);
  }

  /** Closes the sockets of sessions ended by `revokeAllWithin`, on every instance. */
  disconnect(sessionIds: readonly string[]): void {
    this.sockets.disconnect(sessionIds);
  }
}

function toSignInSessionView(row: SignInSessionRow, currentSessionId: string): SignInSession {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    ip: row.ip,
    current: row.id === currentSessionId,
  };
}

/** Enough of the User-Agent to recognise a device; control characters never reach the page. */
function shortUserAgent(header: string | undefined): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = header?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned ? cleaned.slice(0, USER_AGENT_MAX_LENGTH) : null;
}
