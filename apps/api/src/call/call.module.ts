import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { CallGateway } from './call.gateway';
import { CallService } from './call.service';

/** The room's voice and video call: signaling between a session's participants, and ICE servers. */
@Module({
  imports: [SessionsModule],
  providers: [CallGateway, CallService],
})
export class CallModule {}
