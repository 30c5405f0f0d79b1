import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions;
  /** Verifying against this when the email is unknown keeps both failures equally slow. */
  private readonly decoy: Promise<string>;

  /** With the cost AppConfig gives (OWASP's minimum on every server; see passwordHashCost). */
  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'passwordHashCost'>) {
    this.options = { type: argon2.argon2id, ...config.passwordHashCost };
    this.decoy = argon2.hash('decoy password for unknown emails', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      if (hash === undefined) {
        await argon2.verify(await this.decoy, password);
        return false;
      }
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
