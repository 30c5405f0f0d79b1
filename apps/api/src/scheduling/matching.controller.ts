import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MatchRequestCreateSchema,
  type MatchRequest,
  type MatchRequestCreate,
  type MatchRequestListResponse,
  type RescueResponse,
} from '@mockboard/contracts';
import { CurrentUser, RequiresVerifiedEmail } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { MatchingService } from './matching.service';
import { RescueService } from './rescue.service';

@ApiTags('matching')
@Controller('match-requests')
export class MatchRequestsController {
  constructor(private readonly matching: MatchingService) {}

  @Post()
  @RequiresVerifiedEmail()
  @ApiOperation({
    summary: 'Ask for a partner at a start time (or "now"); paired at once when a compatible request waits',
  })
  request(
    @CurrentUser() user: AuthUser,
    @ValidBody(MatchRequestCreateSchema) body: MatchRequestCreate,
  ): Promise<MatchRequest> {
    return this.matching.request(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your match requests, newest first' })
  list(@CurrentUser() user: AuthUser): Promise<MatchRequestListResponse> {
    return this.matching.list(user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw one of your pending match requests' })
  cancel(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.matching.cancel(user, id);
  }
}

@ApiTags('sessions')
@Controller('sessions')
export class SessionRescueController {
  constructor(private readonly rescues: RescueService) {}

  @Post(':id/rescue')
  @RequiresVerifiedEmail()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Your partner has not come 5 minutes after the start: get someone who practises now instead',
  })
  rescue(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RescueResponse> {
    return this.rescues.rescue(user, id);
  }
}
