import { Global, Module } from '@nestjs/common';
import { LoopLateness } from './loop-lateness';
import { SocketReads } from './socket-reads';

/** What the socket server itself needs from the app: the event loop’s lateness, and held reads. */
@Global()
@Module({ providers: [LoopLateness, SocketReads], exports: [LoopLateness, SocketReads] })
export class RealtimeModule {}
