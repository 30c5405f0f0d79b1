import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountRestrictionsRepository, type AccountRestriction } from './account-restrictions.repository';

export type { AccountRestriction };

/** Suspending, banning and reinstating an account, in the caller's transaction (moderation's). */
@Injectable()
export class AccountRestrictionsService {
  constructor(private readonly restrictions: AccountRestrictionsRepository) {}

  /**
   * Replaces whatever restriction the account had. The account is held until the caller's
   * transaction ends, so a sign-in that started meanwhile is among the sign-ins the caller then
   * revokes, and one that starts after waits and then reads the restriction (see holdForSignIn).
   */
  async impose(
    manager: EntityManager,
    userId: string,
    restriction: AccountRestriction & { reason: string },
  ): Promise<void> {
    await this.restrictions.holdForChange(manager, userId);
    await this.restrictions.impose(manager, userId, restriction);
  }

  /** Lifts the restriction in force; false when the account had none. */
  async lift(manager: EntityManager, userId: string): Promise<boolean> {
    if (!(await this.restrictions.inForce(userId, manager))) return false;
    await this.restrictions.lift(manager, userId);
    return true;
  }

  /** The suspension or ban in force now, or null. */
  inForce(userId: string, manager?: EntityManager): Promise<AccountRestriction | null> {
    return this.restrictions.inForce(userId, manager);
  }
}
