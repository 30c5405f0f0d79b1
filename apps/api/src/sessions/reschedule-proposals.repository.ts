import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredProposal } from './session-record';

/** Proposals to move a session: at most one pending per session (SessionRecord.pendingProposal). */
@Injectable()
export class RescheduleProposalsRepository {
  async propose(
    manager: EntityManager,
    sessionId: string,
    proposedBy: string,
    startsAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reschedule_proposals (session_id, proposed_by, starts_at) VALUES ($1, $2, $3)`,
      [sessionId, proposedBy, startsAt],
    );
  }

  async answer(
    manager: EntityManager,
    proposalId: string,
    status: Extract<StoredProposal['status'], 'accepted' | 'declined'>,
  ): Promise<void> {
    await manager.query(`UPDATE reschedule_proposals SET status = $2 WHERE id = $1`, [proposalId, status]);
  }

  /** A cancelled session's pending proposal is nobody's to answer any more. */
  async withdrawPending(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(
      `UPDATE reschedule_proposals SET status = 'withdrawn' WHERE session_id = $1 AND status = 'pending'`,
      [sessionId],
    );
  }
}
