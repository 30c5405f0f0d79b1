import { Injectable } from '@nestjs/common';
import { SESSION_COOKIE_NAME } from '@mockboard/contracts';
import { SignInSessions, type Authenticated } from './sign-in-sessions.service';

export interface HandshakeLike {
  headers: { cookie?: string | undefined };
  auth?: Record<string, unknown>;
}

/** Authenticates a socket.io handshake: `auth: {token}` from API clients, else the session cookie. */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly signIns: SignInSessions) {}

  /** The user and their live sign-in session, or null (the handshake is then refused). */
  async identify(handshake: HandshakeLike): Promise<Authenticated | null> {
    const token =
      typeof handshake.auth?.token === 'string'
        ? handshake.auth.token
        : cookieValue(handshake.headers.cookie);
    return token ? this.signIns.authenticate(token) : null;
  }
}

function cookieValue(header: string | undefined): string | null {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE_NAME) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
