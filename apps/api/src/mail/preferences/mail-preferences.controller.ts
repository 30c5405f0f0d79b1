import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  UpdateMailPreferencesRequestSchema,
  type MailPreferences,
  type UpdateMailPreferencesRequest,
} from '@mockboard/contracts';
import { CurrentUser } from '../../auth/access.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { ValidBody } from '../../common/validated.decorators';
import { MailPreferencesService } from './mail-preferences.service';

@ApiTags('me')
@Controller('me/mail-preferences')
export class MailPreferencesController {
  constructor(private readonly preferences: MailPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Which optional kinds of email the signed-in user gets (true = sent)' })
  get(@CurrentUser() user: AuthUser): Promise<MailPreferences> {
    return this.preferences.preferences(user.id);
  }

  @Put()
  @ApiOperation({
    summary: 'Turn kinds of email on or off; kinds not in the body stay as they are. Answers with all',
  })
  update(
    @CurrentUser() user: AuthUser,
    @ValidBody(UpdateMailPreferencesRequestSchema) body: UpdateMailPreferencesRequest,
  ): Promise<MailPreferences> {
    return this.preferences.update(user.id, body);
  }
}
