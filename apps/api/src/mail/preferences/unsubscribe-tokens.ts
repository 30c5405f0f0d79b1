import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import {
  signUnsubscribeToken,
  unsubscribeKey,
  verifyUnsubscribeToken,
  type UnsubscribeGrant,
} from './unsubscribe-token';

/** Signs and reads unsubscribe tokens with the key derived from this server's JWT secret. */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = unsubscribeKey(config.jwt.secret);
  }

  sign(grant: UnsubscribeGrant): string {
    return signUnsubscribeToken(this.key, grant);
  }

  verify(token: string): UnsubscribeGrant | null {
    return verifyUnsubscribeToken(this.key, token);
  }
}
