import {
  HintRevealAckSchema,
  NotesSaveAckSchema,
  OkAckSchema,
  ROOM_EVENTS,
  SessionStateSchema,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type SessionState,
} from '@mockboard/contracts';
import { CollabError, errorOf } from './collab-error';
import { LatestSave } from './latest-save';
import type { RevisedNotes } from './newest-notes';
import { ACK_TIMEOUT_MS, type CollabSocket } from './transport';

const StateAckSchema = OkAckSchema.extend({ state: SessionStateSchema });

type Schema<T> = { safeParse(raw: unknown): { success: true; data: T } | { success: false } };

/** What the commands need of the client: its socket once joined, and a word when one is answered. */
export interface CommandLink {
  readonly socket: CollabSocket;
  readonly sessionId: string;
  /** Resolves once the session join holds; rejects when the room connection is closed. */
  whenJoined(): Promise<void>;
  /** A command got its answer (or none will come): a client closing when idle may close now. */
  answered(): void;
  /** A notes save was stored, as this revision of the round's notes. */
  notesStored(round: number, notes: RevisedNotes): void;
}

/** The session's commands over the room connection, each answered by the server's ack. */
export class SessionCommands {
  /** Commands called and not answered yet: a client closing when idle waits for their answers. */
  private unanswered = 0;
  /** Each round's notes, saved in the order they were written. */
  private readonly notes = new Map<number, LatestSave>();

  constructor(private readonly link: CommandLink) {}

  get inFlight(): number {
    return this.unanswered;
  }

  async setPhase(phase: InterviewPhase): Promise<SessionState> {
    const payload = { sessionId: this.link.sessionId, phase };
    return (await this.command(ROOM_EVENTS.phase, payload, StateAckSchema)).state;
  }

  async swapRoles(): Promise<SessionState> {
    return (await this.command(ROOM_EVENTS.swap, { sessionId: this.link.sessionId }, StateAckSchema)).state;
  }

  /**
   * Saves the interviewer's notes for a round; resolves with the text stored, this one or a newer
   * one that replaced it (LatestSave: one save on its way at a time; one refused for its rate, or
   * whose answer never came, goes again).
   * In flight until stored or failed, pauses between attempts included.
   */
  saveNotes(round: number, text: string): Promise<string> {
    return this.counted(() => this.notesOf(round).save(text));
  }

  async endSession(): Promise<SessionState> {
    return (await this.command(ROOM_EVENTS.end, { sessionId: this.link.sessionId }, StateAckSchema)).state;
  }

  /**
   * Reveals a hint. Not retried here either: the server keeps one reveal per stage, so the person
   * may simply click again after a dropped connection.
   */
  async revealHint(round: number, phase: InterviewPhase, stage: HintStage): Promise<HintReveal> {
    const payload = { sessionId: this.link.sessionId, round, phase, stage };
    return (await this.command(ROOM_EVENTS.hintReveal, payload, HintRevealAckSchema)).reveal;
  }

  /**
   * Waits for the join, then emits and parses the ack; a refusal rejects with a CollabError. In
   * flight from the call, the wait for the join included (a save made as the room is left while
   * the connection is down).
   */
  private command<T>(event: string, payload: object, schema: Schema<T>): Promise<T> {
    return this.counted(async () => {
      await this.link.whenJoined();
      let raw: unknown;
      try {
        raw = await this.link.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
      } catch {
        // Not retried: the server may have applied it (a swap or an end is not idempotent).
        throw new CollabError({
          code: 'internal',
          message: 'The connection dropped before the server answered; please retry',
        });
      }
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      throw new CollabError(errorOf(raw));
    });
  }

  private notesOf(round: number): LatestSave {
    let notes = this.notes.get(round);
    if (!notes) {
      const { sessionId } = this.link;
      notes = new LatestSave(async (text) => {
        const { revision } = await this.command(
          ROOM_EVENTS.notes,
          { sessionId, round, text },
          NotesSaveAckSchema,
        );
        if (revision !== undefined) this.link.notesStored(round, { text, revision });
      });
      this.notes.set(round, notes);
    }
    return notes;
  }

  /** Counts `work` as unanswered until it settles, then tells the client. */
  private async counted<T>(work: () => Promise<T>): Promise<T> {
    this.unanswered += 1;
    try {
      return await work();
    } finally {
      this.unanswered -= 1;
      this.link.answered();
    }
  }
}
