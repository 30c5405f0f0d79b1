import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CancelSessionRequestSchema,
  ChooseRoundPromptRequestSchema,
  ContactSharingRequestSchema,
  ProposeRescheduleRequestSchema,
  RespondRescheduleRequestSchema,
  SoloSessionRequestSchema,
  type CancelSessionRequest,
  type ChooseRoundPromptRequest,
  type ContactSharingRequest,
  type ProposeRescheduleRequest,
  type RespondRescheduleRequest,
  type RoundPromptChoices,
  type RoundPromptView,
  type Session,
  type SessionListResponse,
  type SoloSessionRequest,
} from '@mockboard/contracts';
import { CurrentUser, RequiresVerifiedEmail } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { SessionViewsService } from './session-views.service';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly views: SessionViewsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your sessions: upcoming (soonest first) and past (latest first)' })
  list(@CurrentUser() user: AuthUser): Promise<SessionListResponse> {
    return this.sessions.list(user);
  }

  @Post('solo')
  @ApiOperation({ summary: 'Start a solo practice session on a prompt (whiteboard and timer, no partner)' })
  solo(
    @CurrentUser() user: AuthUser,
    @ValidBody(SoloSessionRequestSchema) body: SoloSessionRequest,
  ): Promise<Session> {
    return this.sessions.createSolo(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session (participants and admins only)' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Session> {
    return this.views.view(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel; less than 2 hours before the start counts as late' })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(CancelSessionRequestSchema) body: CancelSessionRequest,
  ): Promise<Session> {
    return this.sessions.cancel(user, id, body.reason);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose a new start time to your partner' })
  propose(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(ProposeRescheduleRequestSchema) body: ProposeRescheduleRequest,
  ): Promise<Session> {
    return this.sessions.proposeReschedule(user, id, body.startsAt);
  }

  @Post(':id/reschedule/respond')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept or decline your partner's proposed time" })
  respond(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(RespondRescheduleRequestSchema) body: RespondRescheduleRequest,
  ): Promise<Session> {
    return this.sessions.respondToReschedule(user, id, body.accept);
  }

  @Post(':id/join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that you entered the room (opens 30 minutes before the start)' })
  join(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Session> {
    return this.sessions.join(user, id);
  }

  @Put(':id/rounds/:round/prompt')
  @ApiOperation({ summary: 'The round\'s interviewer chooses its prompt, or "surprise"' })
  choosePrompt(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
    @ValidBody(ChooseRoundPromptRequestSchema) body: ChooseRoundPromptRequest,
  ): Promise<Session> {
    return this.sessions.chooseRoundPrompt(user, id, round, body.promptId);
  }

  @Get(':id/rounds/:round/prompt')
  @ApiOperation({ summary: "The round's prompt as your role may see it (its candidate: without the guide)" })
  roundPrompt(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
  ): Promise<RoundPromptView> {
    return this.sessions.roundPromptView(user, id, round);
  }

  @Get(':id/rounds/:round/prompt-choices')
  @ApiOperation({
    summary: "For the round's interviewer: prompts the candidate was asked before, and this session's others",
  })
  promptChoices(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
  ): Promise<RoundPromptChoices> {
    return this.sessions.roundPromptChoices(user, id, round);
  }

  @Put(':id/contact-sharing')
  @RequiresVerifiedEmail()
  @ApiOperation({ summary: 'Opt in (or out) of sharing emails with your partner after the session' })
  shareContact(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(ContactSharingRequestSchema) body: ContactSharingRequest,
  ): Promise<Session> {
    return this.sessions.shareContact(user, id, body.share);
  }
}
