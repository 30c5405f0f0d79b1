import { Global, Module } from '@nestjs/common';
import { LoopLateness } from './loop-lateness';

/** What the socket server itself needs from the app: the event loop’s lateness. */
@Global()
@Module({ providers: [LoopLateness], exports: [LoopLateness] })
export class RealtimeModule {}
