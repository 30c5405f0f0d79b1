import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
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
}

/** Every query on the users table. */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /** Inserts a user; the unique index on lower(email) rejects a duplicate (SQLSTATE 23505). */
  async insert(user: NewUser): Promise<UserEntity> {
    const saved = await this.users.save(
      this.users.create({ ...user, targetLevel: user.targetLevel ?? null }),
    );
    return this.findById(saved.id) as Promise<UserEntity>;
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

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }
}
