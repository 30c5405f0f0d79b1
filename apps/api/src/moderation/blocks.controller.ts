import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateBlockRequestSchema,
  type BlockListResponse,
  type BlockedUser,
  type CreateBlockRequest,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { BlocksService } from './blocks.service';

@ApiTags('moderation')
@Controller('blocks')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Get()
  @ApiOperation({ summary: 'The people you blocked, latest first' })
  list(@CurrentUser() user: AuthUser): Promise<BlockListResponse> {
    return this.blocks.list(user);
  }

  @Post()
  @ApiOperation({
    summary: 'Block someone: from now on neither of you is matched with or shown the other’s slots',
    description: 'A session already booked between you stays until one of you cancels it.',
  })
  block(
    @CurrentUser() user: AuthUser,
    @ValidBody(CreateBlockRequestSchema) body: CreateBlockRequest,
  ): Promise<BlockedUser> {
    return this.blocks.block(user, body.userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock someone you blocked' })
  unblock(@CurrentUser() user: AuthUser, @Param('userId') userId: string): Promise<void> {
    return this.blocks.unblock(user, userId);
  }
}
