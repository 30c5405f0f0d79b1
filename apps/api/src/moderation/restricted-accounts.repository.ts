import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RestrictedAccountRow {
  userId: string;
  displayName: string;
  email: string;
  state: 'suspended' | 'banned';
  until: Date | null;
  reason: string;
  createdAt: Date;
}

// The admin page lists them all on one screen; restrictions are rare, so a cap only guards it.
const LIST_LIMIT = 500;

/** The accounts suspended or banned now, for the moderation page to reinstate from. */
@Injectable()
export class RestrictedAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest restriction first; a suspension whose end has passed is no longer listed. */
  inForce(): Promise<RestrictedAccountRow[]> {
    return this.dataSource.query(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.email, r.state, r.until, r.reason,
              r.created_at AS "createdAt"
       FROM account_restrictions r JOIN users u ON u.id = r.user_id
       WHERE r.state = 'banned' OR r.until > now()
       ORDER BY r.created_at DESC, r.user_id
       LIMIT ${LIST_LIMIT}`,
    );
  }
}
