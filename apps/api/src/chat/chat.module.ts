import { Module } from '@nestjs/common';
import { ChatGateway } from './chat.gateway';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';

/** The room's text chat (issue 13): beside the room, over its socket, between participants only. */
@Module({
  providers: [ChatGateway, ChatService, ChatRepository],
})
export class ChatModule {}
