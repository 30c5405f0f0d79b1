import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnsubscribeQuerySchema, type UnsubscribeInfo, type UnsubscribeQuery } from '@mockboard/contracts';
import { Public } from '../../auth/access.decorators';
import { ValidQuery } from '../../common/validated.decorators';
import { MailPreferencesService } from './mail-preferences.service';

/**
 * The unsubscribe link's endpoints. The signed token is the credential, so they need no sign-in
 * (the reader may open the mail on a device where they never signed in). GET only describes:
 * link scanners fetch links in mail, and must not unsubscribe anybody.
 */
@ApiTags('mail')
@Public()
@Controller('mail')
export class UnsubscribeController {
  constructor(private readonly preferences: MailPreferencesService) {}

  @Get('unsubscribe')
  @ApiOperation({ summary: 'What an unsubscribe link would stop, for the page; 400 for a bad link' })
  describe(@ValidQuery(UnsubscribeQuerySchema) query: UnsubscribeQuery): Promise<UnsubscribeInfo> {
    return this.preferences.describe(query.token);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop the kind of email the link names (idempotent)',
    description:
      'Also the RFC 8058 one-click target of the List-Unsubscribe header: mail providers POST ' +
      '`List-Unsubscribe=One-Click` as a form, with no cookie and no Origin; the body is not needed.',
  })
  unsubscribe(@ValidQuery(UnsubscribeQuerySchema) query: UnsubscribeQuery): Promise<UnsubscribeInfo> {
    return this.preferences.unsubscribe(query.token);
  }

  @Post('resubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: "Undo: send the link's kind of email again" })
  resubscribe(@ValidQuery(UnsubscribeQuerySchema) query: UnsubscribeQuery): Promise<UnsubscribeInfo> {
    return this.preferences.resubscribe(query.token);
  }
}
