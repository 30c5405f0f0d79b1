import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSlotRequestSchema,
  SlotListQuerySchema,
  type CreateSlotRequest,
  type Session,
  type Slot,
  type SlotListQuery,
} from '@mockboard/contracts';
import { CurrentUser, RequiresVerifiedEmail } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { REVALIDATED_API_ANSWER } from '../common/uncached-api-answers.middleware';
import { ValidBody, ValidQuery } from '../common/validated.decorators';
import { SlotsService } from './slots.service';

@ApiTags('slots')
@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Post()
  @RequiresVerifiedEmail()
  @ApiOperation({ summary: 'Offer a slot others can book (quarter hour, 5 minutes to 60 days ahead)' })
  offer(
    @CurrentUser() user: AuthUser,
    @ValidBody(CreateSlotRequestSchema) body: CreateSlotRequest,
  ): Promise<Slot> {
    return this.slots.offer(user, body);
  }

  @Get()
  // The body is a SlotListResponse that PostgreSQL wrote as JSON; the text goes out untouched.
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Cache-Control', REVALIDATED_API_ANSWER)
  @ApiOperation({ summary: "Others' open slots between from and to (default: the next 14 days)" })
  list(
    @CurrentUser() user: AuthUser,
    @ValidQuery(SlotListQuerySchema) query: SlotListQuery,
  ): Promise<string> {
    return this.slots.listJson(user, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw one of your open slots' })
  withdraw(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.slots.withdraw(user, id);
  }

  @Post(':id/book')
  @RequiresVerifiedEmail()
  @ApiOperation({ summary: 'Book an open slot; exactly one concurrent booker wins, the rest get 409' })
  book(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Session> {
    return this.slots.book(user, id);
  }
}
