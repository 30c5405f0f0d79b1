import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TargetLevel, User } from '@mockboard/contracts';
import type { AuthUser } from './auth-user';
import { toUserView } from './user.entity';
import { UsersRepository } from './users.repository';

/** A demo account as `npm run seed:demo` makes it. */
export interface DemoAccount {
  email: string;
  displayName: string;
  timezone: string;
  targetLevel: TargetLevel;
}

/**
 * The accounts as other modules see them: plain user views, never the ORM entity (whose password
 * hash stays inside auth).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The service for a script that runs without Nest (seed:demo), over its own connection. */
  static over(dataSource: DataSource): UsersService {
    return new UsersService(new UsersRepository(dataSource), dataSource);
  }

  async find(id: string): Promise<AuthUser | null> {
    const user = await this.users.findById(id);
    return user ? toUserView(user) : null;
  }

  /** Newest first, capped at `limit` (the admin list is not paged). */
  async listNewestFirst(limit: number): Promise<User[]> {
    return (await this.users.listNewestFirst(limit)).map(toUserView);
  }

  /**
   * Creates the demo account, verified (demo addresses cannot receive mail), or resets an existing
   * one's password and profile. True when it existed.
   */
  async createOrResetDemoAccount(account: DemoAccount, passwordHash: string): Promise<boolean> {
    const existing = await this.users.findByEmailWithPassword(account.email);
    const user =
      existing ??
      (await this.users.insert({
        email: account.email,
        displayName: account.displayName,
        timezone: account.timezone,
        role: 'member',
        passwordHash,
      }));
    await this.users.setPassword(user.id, passwordHash);
    // Verified, or they could not book on a server that requires it (SMTP configured).
    await this.users.markEmailVerified(this.dataSource.manager, user.id);
    await this.users.update(user.id, {
      displayName: account.displayName,
      timezone: account.timezone,
      targetLevel: account.targetLevel,
    });
    return existing !== null;
  }
}
