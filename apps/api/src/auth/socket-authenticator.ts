import { Injectable } from '@nestjs/common';
import { SESSION_COOKIE_NAME } from '@mockboard/contracts';
import { AuthTokens } from './auth.tokens';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export interface HandshakeLike {
  headers: { cookie?: string | undefined };
  auth?: Record<string, unknown>;
}

/** Authenticates a socket.io handshake: `auth: {token}` from API clients, else the session cookie. */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly tokens: AuthTokens,
    private readonly users: UsersRepository,
  ) {}

  async userFrom(handshake: HandshakeLike): Promise<UserEntity | null> {
    const token =
      typeof handshake.auth?.token === 'string'
        ? handshake.auth.token
        : cookieValue(handshake.headers.cookie);
    const userId = token ? await this.tokens.userIdFrom(token) : null;
    return userId ? this.users.findById(userId) : null;
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
