import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { CallGateway } from './call.gateway';

/** The room's voice and video call: signaling between a session's participants, and ICE servers. */
@Module({
  imports: [SchedulingModule],
  providers: [CallGateway],
})
export class CallModule {}
