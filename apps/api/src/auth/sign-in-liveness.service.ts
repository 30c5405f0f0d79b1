import { Injectable } from '@nestjs/common';
import { SignInSessionsRepository } from './sign-in-sessions.repository';

/**
 * Whether a sign-in session is still live, for the sockets gateway. Apart from SignInSessions
 * because that service disconnects sockets through the gateway: the gateway asking it back would
 * make a cycle.
 */
@Injectable()
export class SignInLiveness {
  constructor(private readonly sessions: SignInSessionsRepository) {}

  async isLive(sessionId: string): Promise<boolean> {
    return (await this.sessions.findLive(sessionId)) !== null;
  }
}
