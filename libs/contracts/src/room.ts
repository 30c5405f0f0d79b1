import { z } from 'zod';
import { ChatMessageSchema } from './chat';
import { SocketErrorCodeSchema } from './errors';
import { InterviewPhaseSchema, PromptDetailSchema } from './prompts';
import { HintRevealSchema } from './hints';
import { SessionStatusSchema } from './scheduling';

/** Caps that keep one room from hurting the others; each has its own error code and message. */
export const ROOM_LIMITS = {
  /**
   * UTF-8 bytes of one scene:update's elements: one element at its cap and room to spare (the
   * transport, socket.io's maxHttpBufferSize, takes twice this, so an oversized update is answered).
   */
  maxMessageBytes: 2_000_000,
  /** Elements in one scene:update. */
  maxElementsPerUpdate: 500,
  /** Element ids in one cursor's selection (relayed to the partner with every cursor). */
  maxSelectedElements: 500,
  /** Live elements in one scene (deleted ones count against maxSceneBytes instead). */
  maxElementsPerScene: 10_000,
  /** UTF-8 bytes of one scene's stored elements, deleted ones included. */
  maxSceneBytes: 10_000_000,
  /** UTF-8 bytes of one session's whiteboard change log (the replay). */
  maxLogBytes: 50_000_000,
  /**
   * UTF-8 bytes of one element's JSON. Sized for the longest pen stroke the schema takes (20,000
   * points): a stroke drawn with the mouse measured 29.6 bytes a point (3,002 points, 88,818 bytes,
   * apps/web/e2e/room-long-stroke.test.ts); full-precision doubles take ~40 and a pen's pressures
   * ~20 more, so 20,000 points fit in 1.2 MB. At 64 KB a stroke of ~2,000 points (half a minute of
   * drawing) was refused. Big text blocks and pasted diagrams are far smaller.
   */
  maxElementBytes: 1_500_000,
  /** Bytes of one pasted image. */
  maxImageBytes: 2_000_000,
  /** Images per session, and their bytes in all. */
  maxImagesPerSession: 100,
  maxImageBytesPerSession: 50_000_000,
  /** Scene and notes updates per socket per second (pointer updates are not counted). */
  maxUpdatesPerSecond: 40,
  /** Characters of the interviewer's notes for one round. */
  maxNotesChars: 20_000,
} as const;

/**
 * An Excalidraw element as it travels: the fields the server relies on are checked, the rest of
 * Excalidraw's shape (points, stroke, text, …) passes through untouched, whole.
 */
export const SceneElementSchema = z.looseObject({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(32),
  version: z.number().int().min(1).max(2_147_483_647),
  versionNonce: z.number().int(),
  isDeleted: z.boolean(),
  index: z.string().max(200).nullable().optional(),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite(),
  height: z.number().finite(),
});
export type SceneElement = z.infer<typeof SceneElementSchema>;

export const SessionIdSchema = z.uuid({ message: 'must be a session id' });

/**
 * Which of a scene's limits refused an update (with `too_large`): its live elements, the bytes of
 * its stored elements, or the bytes of its change log.
 */
export const SceneBudgetSchema = z.enum(['elements', 'scene', 'log']);
export type SceneBudget = z.infer<typeof SceneBudgetSchema>;

export const ErrorAckSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: SocketErrorCodeSchema,
    message: z.string(),
    budget: SceneBudgetSchema.optional(),
  }),
});
export type ErrorAck = z.infer<typeof ErrorAckSchema>;

export const ROOM_ROLES = ['interviewer', 'candidate', 'observer'] as const;
export const RoomRoleSchema = z.enum(ROOM_ROLES);
export type RoomRole = z.infer<typeof RoomRoleSchema>;

export const RoomParticipantSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  colour: z.string(),
  online: z.boolean(),
});
export type RoomParticipant = z.infer<typeof RoomParticipantSchema>;

/** Everything every clock needs: the phase and when it started, by the server's clock. */
export const SessionStateSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int().min(1).max(2),
  roles: z.record(z.string(), RoomRoleSchema),
  phase: InterviewPhaseSchema,
  phaseStartedAt: z.iso.datetime(),
  status: SessionStatusSchema,
});
export type SessionState = z.infer<typeof SessionStateSchema>;

// ---- client → server ----------------------------------------------------------------------------

export const JoinRequestSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** The version of the scene this client already holds: the answer then holds only what changed after it. */
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /**
   * Its person already left the room's page and the client only delivers what it still holds
   * (session:depart): it joins without its peers seeing the person come back.
   */
  departing: z.boolean().optional(),
});
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

export const JoinAckSchema = z.object({
  ok: z.literal(true),
  role: RoomRoleSchema,
  round: z.number().int(),
  participants: z.array(RoomParticipantSchema),
  phase: InterviewPhaseSchema,
  state: SessionStateSchema,
  serverTime: z.iso.datetime(),
  /**
   * The stored scene at `version` (the seq of its latest change). With `since` (echoing the
   * request's) only the elements changed after it, deletions included: merge them, do not replace.
   */
  scene: z.object({
    elements: z.array(SceneElementSchema),
    version: z.number().int(),
    since: z.number().int().optional(),
  }),
  prompt: PromptDetailSchema.nullable(),
  notes: z.string().nullable(),
  /**
   * The revision of `notes` (0: none stored yet). Each save stores the next; a tab keeps the notes
   * of the highest revision it has seen, from a join or from `notes:saved`. Absent from a server
   * older than revisions (a rolling upgrade): 0.
   */
  notesRevision: z.number().int().min(0).default(0),
  /** The hints revealed so far in this round, in the order they were revealed (every role sees them). */
  hints: z.array(HintRevealSchema),
});
export type JoinAck = z.infer<typeof JoinAckSchema>;

/** A round of a session: each draws on its own board. */
export const RoundNumberSchema = z.number().int().min(1).max(2);

export const SceneUpdateRequestSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /**
   * The round whose board this was drawn on (default: the session's current round): a stroke that
   * arrives after a swap still lands on its own round's board; a round not started is refused.
   */
  round: RoundNumberSchema.optional(),
  elements: z.array(z.unknown()).min(1).max(ROOM_LIMITS.maxElementsPerUpdate),
});
export type SceneUpdateRequest = { sessionId: string; round?: number; elements: SceneElement[] };

export const SceneUpdateAckSchema = z.object({ ok: z.literal(true), version: z.number().int() });
export type SceneUpdateAck = z.infer<typeof SceneUpdateAckSchema>;

export const PointerUpdateSchema = z.strictObject({
  sessionId: SessionIdSchema,
  pointer: z.strictObject({
    x: z.number().finite(),
    y: z.number().finite(),
    tool: z.enum(['pointer', 'laser']),
  }),
  button: z.enum(['up', 'down']),
  // Counted before each id is checked: a 4 MB message of bad ids would otherwise cost an issue each.
  selectedElementIds: z
    .unknown()
    .refine(
      (ids) =>
        typeof ids !== 'object' || ids === null || Object.keys(ids).length <= ROOM_LIMITS.maxSelectedElements,
      {
        message: `at most ${ROOM_LIMITS.maxSelectedElements} selected elements`,
      },
    )
    .pipe(z.record(z.string().min(1).max(64), z.boolean()))
    .optional(),
});
export type PointerUpdate = z.infer<typeof PointerUpdateSchema>;

/** What a peer's screen shows of the board: its scroll, zoom and size (for follow mode). */
export const ViewportSchema = z.strictObject({
  scrollX: z.number().finite(),
  scrollY: z.number().finite(),
  zoom: z.number().min(0.1).max(30),
  width: z.number().positive().max(20_000),
  height: z.number().positive().max(20_000),
});
export type Viewport = z.infer<typeof ViewportSchema>;

/** Sent when the view scrolls, zooms or resizes; relayed (volatile), never stored. */
export const ViewportUpdateSchema = z.strictObject({ sessionId: SessionIdSchema, viewport: ViewportSchema });
export type ViewportUpdate = z.infer<typeof ViewportUpdateSchema>;

export const PhaseChangeRequestSchema = z.strictObject({
  sessionId: SessionIdSchema,
  phase: InterviewPhaseSchema,
});
export const SessionCommandSchema = z.strictObject({ sessionId: SessionIdSchema });
export const NotesUpdateRequestSchema = z.strictObject({
  sessionId: SessionIdSchema,
  round: z.number().int().min(1).max(2),
  text: z.string().max(ROOM_LIMITS.maxNotesChars, {
    message: `notes are capped at ${ROOM_LIMITS.maxNotesChars} characters`,
  }),
});

/** What `notes:saved` carries: the round's notes as stored, with their revision. */
export const NotesSavedEventSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int().min(1).max(2),
  text: z.string(),
  revision: z.number().int().min(1),
});
export type NotesSavedEvent = z.infer<typeof NotesSavedEventSchema>;

/**
 * The answer to `notes:update`: stored, as this revision of the round's notes (absent from a server
 * older than revisions, during a rolling upgrade).
 */
export const NotesSaveAckSchema = z.object({
  ok: z.literal(true),
  revision: z.number().int().min(1).optional(),
});
export type NotesSaveAck = z.infer<typeof NotesSaveAckSchema>;

export const OkAckSchema = z.object({ ok: z.literal(true) });

// ---- server → client ----------------------------------------------------------------------------

export const ROOM_EVENTS = {
  join: 'session:join',
  sceneUpdate: 'scene:update',
  sceneRestore: 'scene:restore',
  pointerUpdate: 'pointer:update',
  viewportUpdate: 'viewport:update',
  phase: 'session:phase',
  swap: 'session:swap',
  notes: 'notes:update',
  /**
   * s→c: the interviewer's notes for a round as just stored from another of their tabs; sent to
   * that person's other sockets in the session only, never to the partner or an observer.
   */
  notesSaved: 'notes:saved',
  end: 'session:end',
  /**
   * c→s: the person left the room's page while their client still delivers edits not yet stored:
   * peers see them leave now, not when the connection closes (acked `{ ok: true }`).
   */
  depart: 'session:depart',
  presence: 'presence',
  state: 'session:state',
  /** c→s: the interviewer reveals a hint (acked with the stored reveal). */
  hintReveal: 'hint:reveal',
  /** s→c: a hint was revealed, to every socket of the session (the revealer's tabs too). */
  hintRevealed: 'hint:revealed',
  /**
   * s→c: a round's prompt was chosen (on the session page or in the room), to every socket of the
   * session: a client on that round fetches it as its person's role may see it
   * (`GET /api/sessions/:id/rounds/:round/prompt`, RoundPromptViewSchema).
   */
  promptChosen: 'round:prompt-chosen',
} as const;

export const PromptChosenEventSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int().min(1).max(2),
  /** The prompt now chosen: a client already showing it has nothing to fetch. */
  promptId: z.string(),
});
export type PromptChosenEvent = z.infer<typeof PromptChosenEventSchema>;

/** GET /api/sessions/:id/rounds/:round/prompt: the round's prompt as the caller's role may see it. */
export const RoundPromptViewSchema = z.object({ prompt: PromptDetailSchema.nullable() });
export type RoundPromptView = z.infer<typeof RoundPromptViewSchema>;

export const PresenceEventSchema = z.object({
  sessionId: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  colour: z.string(),
  state: z.enum(['joined', 'left', 'idle', 'active']),
});
export type PresenceEvent = z.infer<typeof PresenceEventSchema>;

/**
 * Elements as a peer sent them, relayed as soon as they pass validation, before they are durable:
 * receivers merge them by the same rule as the server, so a copy that loses there changes nothing.
 * (The sender's ack, after the commit, carries the scene's version.)
 */
export const SceneBroadcastSchema = z.object({
  sessionId: z.uuid(),
  /** The board it belongs to, when the sender named it: a board of another round ignores it. */
  round: z.number().int().optional(),
  elements: z.array(SceneElementSchema),
});
export type SceneBroadcast = z.infer<typeof SceneBroadcastSchema>;

export const PointerBroadcastSchema = PointerUpdateSchema.extend({
  userId: z.uuid(),
  displayName: z.string(),
  colour: z.string(),
});
export type PointerBroadcast = z.infer<typeof PointerBroadcastSchema>;

export const ViewportBroadcastSchema = ViewportUpdateSchema.extend({ userId: z.uuid() });
export type ViewportBroadcast = z.infer<typeof ViewportBroadcastSchema>;

// ---- a round's board ----------------------------------------------------------------------------

/** `?round=1`: which round's board (each round draws on its own). */
export const BoardQuerySchema = z.object({
  round: z.enum(['1', '2'], { message: 'must be 1 or 2' }).transform(Number),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

/** A round's board as stored now: its live elements (deleted ones left out). */
export const BoardResponseSchema = z.object({
  sessionId: z.uuid(),
  round: RoundNumberSchema,
  elements: z.array(SceneElementSchema),
});
export type BoardResponse = z.infer<typeof BoardResponseSchema>;

// ---- replay -------------------------------------------------------------------------------------

export const ReplayEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  kind: z.enum(['scene', 'phase', 'round', 'chat', 'hint']),
  element: SceneElementSchema.nullable(),
  phase: InterviewPhaseSchema.nullable(),
  round: z.number().int().nullable(),
  /** With kind 'chat': the message, placed among the board's changes by seq. */
  message: ChatMessageSchema.nullable(),
  /** With kind 'hint': the hint the interviewer revealed then. */
  hint: HintRevealSchema.nullable(),
});
export type ReplayEntry = z.infer<typeof ReplayEntrySchema>;

/**
 * The log is served in pages, so a request's memory stays bounded whatever the log's size: at most
 * `limit` entries and about `maxPageBytes` of element JSON (always at least one entry).
 */
export const REPLAY_PAGE = { defaultLimit: 2_000, maxLimit: 5_000, maxPageBytes: 2_000_000 } as const;

/** `?after=<cursor>&limit=<n>`: the entries after the cursor a previous page returned. */
export const ReplayQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'must be the nextCursor of a previous page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(REPLAY_PAGE.maxLimit).optional(),
});
export type ReplayQuery = z.infer<typeof ReplayQuerySchema>;

export const ReplayResponseSchema = z.object({
  sessionId: z.uuid(),
  entries: z.array(ReplayEntrySchema),
  /** Pass as `after` for the next page; null when this page reached the end of the log. */
  nextCursor: z.string().nullable(),
  /** Entries in the whole log when the first page was read (a live session's log may grow). */
  total: z.number().int().nullable(),
});
export type ReplayResponse = z.infer<typeof ReplayResponseSchema>;
