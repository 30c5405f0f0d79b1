import { Injectable } from '@nestjs/common';
import type { InterviewPhase, RoomRole, SceneElement, Session, SessionState } from '@mockboard/contracts';
import { DrawableElementSchema, ROOM_LIMITS, describeElementIssue } from '@mockboard/contracts';
import { toPromptDetail } from '@mockboard/prompts';
import { isRoomOpen, roomWindow } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { PromptsService } from '../prompts/prompts.service';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionsService } from '../sessions/sessions.service';
import type { SessionRecord } from '../sessions/session-record';
import { unstorableJson } from '../common/unstorable-text';
import { DomainError, conflict, forbidden, invalid } from '../common/domain-error';
import { RoomStateRepository, type RoomState } from './room-state.repository';
import { isParticipant } from '../sessions/session-record';

/** A checked scene element and its JSON, serialized once. */
export interface ValidElement {
  element: SceneElement;
  json: string;
}

export interface RoomAccess {
  record: SessionRecord;
  view: Session;
  participant: boolean;
}

/** Where a round's clock starts before it has a prompt (with no plan, it only counts up). */
export const PHASE_WITHOUT_PROMPT: InterviewPhase = 'requirements';

/** The room's rules: who may enter, which role and prompt view they get, what each may change. */
@Injectable()
export class RoomService {
  constructor(
    private readonly views: SessionViewsService,
    private readonly sessions: SessionsService,
    private readonly states: RoomStateRepository,
    private readonly prompts: PromptsService,
  ) {}

  /**
   * Participants and admins, while the room is open; anyone else is `forbidden` and learns nothing.
   * Only a refusal is turned into `forbidden`: a database outage stays an outage (`unavailable`).
   */
  async enter(user: AuthUser, sessionId: string, now = new Date()): Promise<RoomAccess> {
    const record = await this.views.visibleRecord(user, sessionId).catch((error: unknown) => {
      if (isRefusal(error)) throw forbidden('You are not a participant of this session');
      throw error;
    });
    const participant = isParticipant(record, user.id);
    if (participant) {
      await this.sessions.join(user, sessionId, now);
    } else if (!isRoomOpen(roomWindow(record.session.startsAt, record.session.endsAt), now)) {
      throw conflict('The room is not open now');
    }
    const fresh = await this.views.visibleRecord(user, sessionId);
    const [view] = await this.views.views([fresh]);
    return { record: fresh, view: view!, participant };
  }

  async state(record: SessionRecord): Promise<RoomState> {
    return this.states.getOrCreate(record.session.id, this.firstPhase(record, 1));
  }

  roleOf(record: SessionRecord, state: RoomState, userId: string): RoomRole {
    const round = record.rounds.find((candidate) => candidate.number === state.round) ?? record.rounds[0];
    if (!round) return 'observer';
    if (round.interviewerId === userId && round.candidateId !== userId) return 'interviewer';
    if (round.candidateId === userId) return 'candidate';
    return 'observer';
  }

  /** The prompt as this role may see it: the interviewer (and an observing admin) gets the guide. */
  promptFor(promptId: string | null, role: RoomRole) {
    const prompt = promptId ? this.prompts.get(promptId) : undefined;
    if (!prompt) return null;
    return toPromptDetail(prompt, role === 'candidate' ? 'candidate' : 'interviewer');
  }

  toSessionState(record: SessionRecord, state: RoomState, status = record.session.status): SessionState {
    const roles: Record<string, RoomRole> = {};
    for (const participant of record.participants)
      roles[participant.userId] = this.roleOf(record, state, participant.userId);
    return {
      sessionId: record.session.id,
      round: state.round,
      roles,
      phase: state.phase,
      phaseStartedAt: state.phaseStartedAt.toISOString(),
      status,
    };
  }

  /** The first phase of a round's prompt time plan (PHASE_WITHOUT_PROMPT when none is chosen yet). */
  firstPhase(record: SessionRecord, roundNumber: number): InterviewPhase {
    const round = record.rounds.find((candidate) => candidate.number === roundNumber);
    const prompt = round?.promptId ? this.prompts.get(round.promptId) : undefined;
    return prompt?.timePlan[0]?.phase ?? PHASE_WITHOUT_PROMPT;
  }

  /** Counted before the payload is parsed, so a flood of elements costs no parsing. */
  requireFewElements(payload: unknown): void {
    const sent = (payload as { elements?: unknown } | null)?.elements;
    if (Array.isArray(sent) && sent.length > ROOM_LIMITS.maxElementsPerUpdate) {
      throw new DomainError(
        'too_large',
        `Send at most ${ROOM_LIMITS.maxElementsPerUpdate} elements per update`,
      );
    }
  }

  /**
   * A scene update's elements, each checked (see validElements), within the cap on one message's
   * bytes, and those bytes (what the update holds until it is answered: SceneBackpressure).
   */
  validUpdate(raw: unknown[]): { valid: ValidElement[]; bytes: number } {
    const valid = this.validElements(raw);
    const bytes = valid.reduce((sum, { json }) => sum + Buffer.byteLength(json), 0);
    if (bytes > ROOM_LIMITS.maxMessageBytes) {
      throw new DomainError('too_large', `A message is capped at ${ROOM_LIMITS.maxMessageBytes} bytes`);
    }
    return { valid, bytes };
  }

  /**
   * Checks each element's shape, size and text; the first bad one names its position and the
   * reason. Each element is serialized once, here: the size check, the text check and the
   * database write all use that JSON.
   */
  validElements(raw: unknown[]): ValidElement[] {
    return raw.map((candidate, index) => {
      // Only the types and fields the board draws (no iframes, no markup): see DrawableElementSchema.
      const parsed = DrawableElementSchema.safeParse(candidate);
      if (!parsed.success) {
        const { field, message } = describeElementIssue(parsed.error);
        throw invalid(`elements.${index}${field ? `.${field}` : ''}: ${message}`);
      }
      const json = JSON.stringify(parsed.data);
      if (Buffer.byteLength(json) > ROOM_LIMITS.maxElementBytes) {
        throw new DomainError(
          'too_large',
          `elements.${index} is larger than ${ROOM_LIMITS.maxElementBytes} bytes`,
        );
      }
      const unstorable = unstorableJson(json);
      if (unstorable) throw invalid(`elements.${index}: ${unstorable}`);
      return { element: parsed.data as SceneElement, json };
    });
  }
}

/** A session the user may not see or enter, as opposed to a failure to find out. */
function isRefusal(error: unknown): boolean {
  return error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'forbidden');
}
