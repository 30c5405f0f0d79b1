import { Injectable } from '@nestjs/common';
import type { BlockedUser, BlockListResponse } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UsersService } from '../auth/users.service';
import { notFound } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { isUuid } from '../common/uuid';
import { BlocksRepository, type BlockRow } from './blocks.repository';

/**
 * Blocking someone keeps the two apart from then on (no match, no slots either way, no booking);
 * a session already booked between them stays until one of them cancels it, so a block never
 * cancels behind the partner's back (the report dialog offers both, and cancelling is one click).
 */
@Injectable()
export class BlocksService {
  constructor(
    private readonly blocks: BlocksRepository,
    private readonly users: UsersService,
  ) {}

  async block(blocker: AuthUser, userId: string): Promise<BlockedUser> {
    if (userId === blocker.id) {
      throw new RequestValidationError('body', [
        { field: 'userId', message: 'is you; you cannot block yourself' },
      ]);
    }
    if (!(await this.users.find(userId))) throw notFound('No user with this id');
    await this.blocks.block(blocker.id, userId);
    return toBlockedUser((await this.blocks.find(blocker.id, userId))!);
  }

  async unblock(blocker: AuthUser, userId: string): Promise<void> {
    if (!isUuid(userId) || !(await this.blocks.unblock(blocker.id, userId))) {
      throw notFound('You have not blocked this person');
    }
  }

  async list(blocker: AuthUser): Promise<BlockListResponse> {
    return { blocks: (await this.blocks.list(blocker.id)).map(toBlockedUser) };
  }
}

function toBlockedUser(row: BlockRow): BlockedUser {
  return { userId: row.blockedId, displayName: row.displayName, blockedAt: row.createdAt.toISOString() };
}
