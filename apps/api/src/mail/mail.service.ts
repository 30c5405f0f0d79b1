import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { MailKind } from '@mockboard/contracts';
import type { MailComposer, MailRequest } from './mail.types';
import { OutgoingMailRepository } from './outgoing-mail.repository';

/**
 * The one way to send mail: `enqueue` in the transaction of the change that causes it (so the mail
 * exists if and only if the change committed), and each kind's composer registered at start. The
 * MailWorker sends what is due; see mail.worker.ts for why each mail goes out once.
 */
@Injectable()
export class MailService {
  private readonly composers = new Map<MailKind, MailComposer>();
  /** Transactions that queued mail, so the worker is woken when they commit (see MailWorker). */
  private readonly pendingCommits = new WeakSet<QueryRunner>();

  constructor(private readonly outgoing: OutgoingMailRepository) {}

  /**
   * Queues mails in `manager`'s transaction, all in one statement; a request whose dedupeKey was
   * already queued (a second instance, a retried transaction) adds nothing.
   */
  async enqueue(manager: EntityManager, ...requests: MailRequest[]): Promise<void> {
    const queued = await this.outgoing.insert(manager, requests);
    if (queued > 0 && manager.queryRunner) this.pendingCommits.add(manager.queryRunner);
  }

  /** Called by the module that owns a kind, in its onModuleInit. */
  registerComposer(kind: MailKind, composer: MailComposer): void {
    if (this.composers.has(kind)) throw new Error(`Mail kind "${kind}" already has a composer`);
    this.composers.set(kind, composer);
  }

  composerFor(kind: MailKind): MailComposer | undefined {
    return this.composers.get(kind);
  }

  /** The kinds this instance can write, i.e. the ones its worker may claim. */
  composedKinds(): MailKind[] {
    return [...this.composers.keys()];
  }

  /** Whether the transaction that just committed on `queryRunner` queued mail (asked once). */
  takeCommitWithMail(queryRunner: QueryRunner): boolean {
    const queued = this.pendingCommits.has(queryRunner);
    this.pendingCommits.delete(queryRunner);
    return queued;
  }
}
