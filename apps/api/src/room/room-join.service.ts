import { Injectable } from '@nestjs/common';
import { isDrawableType, type JoinAck, type RoomRole } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { RoundPromptsService } from '../sessions/round-prompts.service';
import { HintsService } from './hints/hints.service';
import { roomColourOf } from './room-colours';
import { RoomCommandsService } from './room-commands.service';
import type { SessionMembership } from './room-membership';
import type { RoomState } from './room-state.repository';
import { RoomService, type RoomAccess } from './room.service';
import { SceneRepository } from './scene.repository';

/** Someone let into a session's room, before their socket takes its place there. */
export interface Admission extends RoomAccess {
  /** As the client named it: the socket rooms and the writer know the session by this. */
  sessionId: string;
  user: AuthUser;
  state: RoomState;
  role: RoomRole;
  /** What the socket holds for the session: may it edit, is it solo, how its cursor is labelled. */
  membership: SessionMembership;
}

/** A join, in two halves around the socket's entry into the room (which only the gateway does). */
@Injectable()
export class RoomJoinService {
  constructor(
    private readonly room: RoomService,
    private readonly commands: RoomCommandsService,
    private readonly scenes: SceneRepository,
    private readonly hints: HintsService,
    private readonly roundPrompts: RoundPromptsService,
  ) {}

  /** Lets the user in (see RoomService.enter) and says with which role and label. */
  async admit(user: AuthUser, sessionId: string): Promise<Admission> {
    const access = await this.room.enter(user, sessionId);
    const state = await this.room.state(access.record);
    const role = this.room.roleOf(access.record, state, user.id);
    const participantIds = access.view.participants.map((p) => p.id);
    const sender = {
      userId: user.id,
      displayName: user.displayName,
      colour: roomColourOf(participantIds, user.id),
    };
    const membership = {
      canEdit: access.participant,
      solo: access.record.session.kind === 'solo',
      sender,
    };
    return { ...access, sessionId, user, state, role, membership };
  }

  /**
   * The join's answer, once the socket is in the room: who is there (`online`: user ids), the
   * clock, the prompt as the role may see it, the interviewer's notes, the hints revealed so far
   * in this round, and the current round's
   * board (each round draws on its own; an earlier one is read by replay), whole or `since` a
   * version the client holds. The board is read once `settled` resolves: JoinBarrier's wait for
   * the updates relayed before the socket took its place in the room, which the caller started
   * after that (a wait started before would miss an update relayed in between).
   */
  async answer(
    admission: Admission,
    online: ReadonlySet<string>,
    settled: Promise<void>,
    since?: number,
  ): Promise<JoinAck> {
    const { sessionId, record, view, user, state, role } = admission;
    await settled;
    const stored = await this.scenes.load(sessionId, state.round, since);
    // Scenes stored before the element allow-list may hold iframes or embeds: never handed out.
    const scene = {
      ...stored,
      elements: stored.elements.filter((element) => isDrawableType(element.type)),
    };
    const participantIds = view.participants.map((p) => p.id);
    const notes =
      role === 'interviewer' ? await this.commands.notesOf(sessionId, state.round, user.id) : null;
    return {
      ok: true as const,
      role,
      round: state.round,
      participants: view.participants.map((p) => ({
        userId: p.id,
        displayName: p.displayName,
        colour: roomColourOf(participantIds, p.id),
        online: online.has(p.id),
      })),
      phase: state.phase,
      state: this.room.toSessionState(record, state),
      serverTime: new Date().toISOString(),
      scene,
      // Read once in the room, as the scene is: a choice stored before this read is in the answer,
      // and one stored after it reaches this socket as round:prompt-chosen.
      prompt: this.room.promptFor(await this.roundPrompts.currentPromptId(sessionId, state.round), role),
      notes: notes?.text ?? null,
      notesRevision: notes?.revision ?? 0,
      hints: await this.hints.revealed(sessionId, state.round),
    };
  }
}
