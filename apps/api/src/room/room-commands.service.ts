import { Injectable } from '@nestjs/common';
import type { InterviewPhase, SessionState } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { SessionViewsService } from '../sessions/session-views.service';
import type { SessionRecord } from '../sessions/session-record';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, conflict } from '../common/domain-error';
import { SerialByKey } from '../common/serial-by-key';
import { RoomStateRepository, type RoomState, type StoredNotes } from './room-state.repository';
import { PHASE_WITHOUT_PROMPT, RoomService } from './room.service';

/** What participants change in a room: the phase, the round (swap), notes, and the end. */
@Injectable()
export class RoomCommandsService {
  private readonly notesWrites = new SerialByKey();

  constructor(
    private readonly room: RoomService,
    private readonly states: RoomStateRepository,
    private readonly views: SessionViewsService,
    private readonly calendar: CalendarService,
  ) {}

  /** The round's interviewer moves the clock to another phase; every peer gets the new state. */
  async changePhase(user: AuthUser, sessionId: string, phase: InterviewPhase): Promise<SessionState> {
    const record = await this.views.visibleRecord(user, sessionId);
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is ${record.session.status}; its clock has stopped`);
    }
    const state = await this.room.state(record);
    this.requireInterviewer(record, state, user, 'The interviewer moves the interview to the next phase');
    const moved = await this.states.changePhase(sessionId, phase);
    if (!moved) throw conflict('The interview has ended; its clock has stopped');
    return this.room.toSessionState(record, moved);
  }

  /**
   * A round's first prompt arrived (chosen by `chooser`): if its room is on that round and nobody
   * has moved the interview on, the round's clock starts now at the prompt's first phase, since
   * the time before it was spent waiting for a problem, not on one. Null when nothing changed.
   */
  async startClockWithFirstPrompt(
    chooser: AuthUser,
    sessionId: string,
    round: number,
  ): Promise<SessionState | null> {
    const record = await this.views.visibleRecord(chooser, sessionId);
    if (!sessionAllows(record.session.status, 'use_room')) return null;
    const started = await this.states.startRoundAgain(
      sessionId,
      round,
      PHASE_WITHOUT_PROMPT,
      this.room.firstPhase(record, round),
    );
    return started && this.room.toSessionState(record, started);
  }

  /** In a swap session, round 1 ends and the roles swap for round 2. */
  async swapRoles(user: AuthUser, sessionId: string): Promise<SessionState> {
    const record = await this.views.visibleRecord(user, sessionId);
    if (record.session.format !== 'swap' || record.rounds.length < 2) {
      throw conflict('Only swap sessions have a second round');
    }
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is ${record.session.status}; the interview has ended`);
    }
    const state = await this.room.state(record);
    this.requireInterviewer(record, state, user, "The round's interviewer swaps the roles");
    if (state.round !== 1) throw conflict('The roles have already been swapped');
    const next = await this.states.swapRound(sessionId, this.room.firstPhase(record, 2), 1, 2);
    if (!next) throw conflict('The roles have already been swapped, or the interview has ended');
    return this.room.toSessionState(record, next);
  }

  /**
   * The interviewer's private notes for a round, saved as they type. One person's saves of a round
   * are written in the order they arrive: a save sent again after its answer was lost (the client
   * retries with its newest text) must not be overtaken by the first, still on its way here. Every
   * socket of a session reaches the same instance (the proxy routes by session), so this instance
   * sees them all.
   */
  saveNotes(user: AuthUser, sessionId: string, round: number, text: string): Promise<number> {
    return this.notesWrites.run(`${sessionId}:${round}:${user.id}`, () =>
      this.writeNotes(user, sessionId, round, text),
    );
  }

  /** Returns the revision the notes were stored as. */
  private async writeNotes(user: AuthUser, sessionId: string, round: number, text: string): Promise<number> {
    const record = await this.views.visibleRecord(user, sessionId);
    // Notes may be finished while scoring, but not rewritten once the session is settled.
    if (!sessionAllows(record.session.status, 'write_notes')) {
      throw conflict(`The session is ${record.session.status}; its notes are final`);
    }
    const target = record.rounds.find((candidate) => candidate.number === round);
    if (!target || target.interviewerId !== user.id) {
      throw new DomainError('forbidden', "Only that round's interviewer keeps notes on it");
    }
    return this.states.saveNotes(sessionId, round, user.id, text);
  }

  /**
   * Phases, the swap and the end are the current round's interviewer's to call, as in a real
   * interview; in a solo session the one participant holds both roles.
   */
  private requireInterviewer(record: SessionRecord, state: RoomState, user: AuthUser, rule: string): void {
    if (record.session.kind === 'peer' && this.room.roleOf(record, state, user.id) !== 'interviewer')
      throw new DomainError('forbidden', rule);
  }

  notesOf(sessionId: string, round: number, userId: string): Promise<StoredNotes | null> {
    return this.states.notes(sessionId, round, userId);
  }

  /** Ends the interview: the session moves on to scoring. */
  async end(user: AuthUser, sessionId: string): Promise<SessionState> {
    const record = await this.views.visibleRecord(user, sessionId);
    if (!sessionAllows(record.session.status, 'use_room')) {
      throw conflict(`The session is already ${record.session.status}`);
    }
    this.requireInterviewer(
      record,
      await this.room.state(record),
      user,
      'The interviewer ends the interview',
    );
    // Ending moves the session to scoring; an interview nobody attended must not get there (it
    // would dodge the no-show and late-cancellation rules and open feedback on a partner never met).
    if (record.participants.some((participant) => participant.joinedAt === null)) {
      throw conflict(
        'Both of you need to have joined the room to end the interview; to call it off, cancel the session',
      );
    }
    // Ended early, its people are free for the rest of the booked time (to practise again, say).
    await this.states.endInterview(sessionId, (manager) => this.calendar.endSessionNow(manager, sessionId));
    return this.room.toSessionState(record, await this.room.state(record), 'scoring');
  }
}
