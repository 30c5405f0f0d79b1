import { Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpdateMeRequestSchema, type UpdateMeRequest, type User } from '@mockboard/contracts';
import { ValidBody } from '../common/validated.decorators';
import { CurrentUser } from './access.decorators';
import { AuthService } from './auth.service';
import { toUserView, type UserEntity } from './user.entity';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: UserEntity): User {
    return toUserView(user);
  }

  @Patch()
  @ApiOperation({ summary: 'Change display name, time zone or target level' })
  update(
    @CurrentUser() user: UserEntity,
    @ValidBody(UpdateMeRequestSchema) body: UpdateMeRequest,
  ): Promise<User> {
    return this.auth.updateProfile(user.id, body);
  }
}
