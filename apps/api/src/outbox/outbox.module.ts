import { Module } from '@nestjs/common';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** The transactional outbox; a module owning a kind registers its handler with the dispatcher. */
@Module({
  providers: [OutboxRepository, OutboxDispatcher, OutboxService],
  exports: [OutboxService, OutboxDispatcher],
})
export class OutboxModule {}
