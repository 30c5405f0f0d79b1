import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { CallGateway } from './call.gateway';

/** The room's voice and video call: signaling between a session's participants, and ICE servers. */
@Module({
  imports: [SessionsModule],
  providers: [CallGateway],
})
export class CallModule {}
