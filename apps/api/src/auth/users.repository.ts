import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { Role, TargetLevel, UpdateMeRequest } from '@mockboard/contracts';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  displayName: string;
  timezone: string;
  role: Role;
  passwordHash: string;
  /** Left unset at sign-up: no level until the user picks one. */
  targetLevel?: TargetLevel;
  /** Unset at sign-up (the link in the verification mail sets it); demo accounts are born verified. */
  emailVerifiedAt?: Date;
}

/** Every query on the users table. */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /**
   * Inserts a user (in the caller's transaction when given one, so the verification mail commits
   * with it); the unique index on lower(email) rejects a duplicate (SQLSTATE 23505).
   */
  async insert(user: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const users = manager ? manager.getRepository(UserEntity) : this.users;
    const saved = await users.save(
      users.create({
        ...user,
        targetLevel: user.targetLevel ?? null,
        emailVerifiedAt: user.emailVerifiedAt ?? null,
      }),
    );
    return (await users.findOneBy({ id: saved.id })) as UserEntity;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** The user with the password hash, for checking the current password. */
  findByIdWithPassword(id: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id })
      .getOne();
  }

  /** The user with this email in any letter case, with the password hash for verification. */
  findByEmailWithPassword(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  async update(id: string, changes: UpdateMeRequest): Promise<UserEntity | null> {
    await this.users.update({ id }, changes);
    return this.findById(id);
  }

  /** Newest first; the admin list is capped, not paged, until there are more users than that. */
  listNewestFirst(limit: number): Promise<UserEntity[]> {
    return this.users.find({ order: { createdAt: 'DESC' }, take: limit });
  }

  async setPassword(id: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    const users = manager ? manager.getRepository(UserEntity) : this.users;
    await users.update({ id }, { passwordHash });
  }

  /** The user's row, locked until the caller's transaction ends (an address change decided once). */
  findForUpdate(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :id', { id })
      .getOne();
  }

  /** Marks the current address verified (keeps the first moment it was). */
  async markEmailVerified(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Whether another account uses this address, in any letter case. */
  async emailTakenByOther(email: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const rows = (await (manager ?? this.users.manager).query(
      `SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2 LIMIT 1`,
      [email, userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Moves the user to a new, just-verified address; a taken address fails on the unique index
   * (SQLSTATE 23505), which also settles two accounts claiming it at the same moment.
   */
  async changeEmail(manager: EntityManager, id: string, email: string): Promise<void> {
    await manager.query(
      `UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1`,
      [id, email],
    );
  }
}
