import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role, TargetLevel, User } from '@mockboard/contracts';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  timezone!: string;

  /** null: not chosen yet. */
  @Column({ name: 'target_level', type: 'text', nullable: true })
  targetLevel!: TargetLevel | null;

  @Column({ type: 'text' })
  role!: Role;

  /** BCP 47 tag for writing dates and times; null: the browser's language. */
  @Column({ name: 'date_time_locale', type: 'text', nullable: true })
  dateTimeLocale!: string | null;

  /** When the owner proved they read `email` (verification link or password reset); null: not yet. */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The wire view of a user, as its owner (or an admin) sees it; never the password hash. */
export function toUserView(user: UserEntity): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    timezone: user.timezone,
    targetLevel: user.targetLevel,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    dateTimeLocale: user.dateTimeLocale,
    emailVerified: user.emailVerifiedAt !== null,
  };
}
