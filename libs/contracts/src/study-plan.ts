import { z } from 'zod';
import { PromptIdSchema } from './prompts';

/**
 * The study plan (issue 17): one board per user, columns of cards, each card to do, doing or done.
 * The server writes a default plan from the prompt library at the first visit; from then on the
 * board is the user's own. Every write answers with the whole board, so a client never has to
 * patch positions itself.
 */

/** Bounds that keep one board small enough to load and render at once. */
export const STUDY_PLAN_LIMITS = {
  columns: 20,
  cards: 300,
  columnTitleLength: 80,
  cardTitleLength: 200,
  notesLength: 5_000,
  linksPerCard: 10,
  urlLength: 2_000,
  linkTitleLength: 200,
} as const;

export const STUDY_CARD_KINDS = ['topic', 'prompt', 'custom'] as const;
export const StudyCardKindSchema = z.enum(STUDY_CARD_KINDS, {
  message: `must be one of ${STUDY_CARD_KINDS.join(', ')}`,
});
export type StudyCardKind = z.infer<typeof StudyCardKindSchema>;

export const STUDY_CARD_STATUSES = ['todo', 'doing', 'done'] as const;
export const StudyCardStatusSchema = z.enum(STUDY_CARD_STATUSES, {
  message: `must be one of ${STUDY_CARD_STATUSES.join(', ')}`,
});
export type StudyCardStatus = z.infer<typeof StudyCardStatusSchema>;

export const STUDY_CARD_STATUS_LABELS: Record<StudyCardStatus, string> = {
  todo: 'To do',
  doing: 'Doing',
  done: 'Done',
};

const L = STUDY_PLAN_LIMITS;

/**
 * "5,000". Not toLocaleString: in Node the first Intl call loads ICU's data (20–36 ms), and this
 * runs as the contracts load, in every process that imports them (the server, each test file).
 */
function withThousandsCommas(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Only web links: a `javascript:` or `data:` URL on a card would run or show anything. */
export const StudyLinkUrlSchema = z
  .string()
  .trim()
  .max(L.urlLength, { message: `must be at most ${L.urlLength} characters` })
  .refine(
    (url) => {
      try {
        return ['http:', 'https:'].includes(new URL(url).protocol);
      } catch {
        return false;
      }
    },
    { message: 'must be a web address starting with http:// or https://' },
  );

export const StudyLinkSchema = z.strictObject({
  url: StudyLinkUrlSchema,
  title: z
    .string()
    .trim()
    .max(L.linkTitleLength, { message: `must be at most ${L.linkTitleLength} characters` })
    .optional(),
});
export type StudyLink = z.infer<typeof StudyLinkSchema>;

const ColumnTitleSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(L.columnTitleLength, { message: `must be at most ${L.columnTitleLength} characters` });
const CardTitleSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(L.cardTitleLength, { message: `must be at most ${L.cardTitleLength} characters` });
const NotesSchema = z
  .string()
  .max(L.notesLength, { message: `must be at most ${withThousandsCommas(L.notesLength)} characters` });
const LinksSchema = z
  .array(StudyLinkSchema)
  .max(L.linksPerCard, { message: `at most ${L.linksPerCard} links per card` });
/** A place in a list, counted from 0; a position past the end means "last". */
const PositionSchema = z
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 or more' })
  .max(1_000, { message: 'must be at most 1,000' });

/** The session whose completion marked a prompt card done. */
export const StudyCardCompletionSchema = z.object({
  sessionId: z.uuid(),
  /** When that mock took place (its start). */
  at: z.iso.datetime(),
});
export type StudyCardCompletion = z.infer<typeof StudyCardCompletionSchema>;

export const StudyCardSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: StudyCardKindSchema,
  /** The prompt a `prompt` card practises (links to its page); null for the other kinds. */
  promptId: z.string().nullable(),
  status: StudyCardStatusSchema,
  notes: z.string(),
  links: z.array(StudyLinkSchema),
  /** Set when a completed mock on the card's prompt marked it done. */
  completedBy: StudyCardCompletionSchema.nullable(),
});
export type StudyCard = z.infer<typeof StudyCardSchema>;

export const StudyColumnSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  cards: z.array(StudyCardSchema),
});
export type StudyColumn = z.infer<typeof StudyColumnSchema>;

/** GET /api/study-plan, and the answer of every write. */
export const StudyPlanSchema = z.object({
  columns: z.array(StudyColumnSchema),
  /** Prompts in the library that no card on the board practises yet ("Add new prompts"). */
  newPromptCount: z.number().int().min(0),
});
export type StudyPlan = z.infer<typeof StudyPlanSchema>;

/** POST /api/study-plan/columns */
export const CreateStudyColumnRequestSchema = z.strictObject({ title: ColumnTitleSchema });
export type CreateStudyColumnRequest = z.infer<typeof CreateStudyColumnRequestSchema>;

/** PATCH /api/study-plan/columns/:id */
export const UpdateStudyColumnRequestSchema = z.strictObject({ title: ColumnTitleSchema });
export type UpdateStudyColumnRequest = z.infer<typeof UpdateStudyColumnRequestSchema>;

/** POST /api/study-plan/columns/:id/move: the column's new place among the columns. */
export const MoveStudyColumnRequestSchema = z.strictObject({ position: PositionSchema });
export type MoveStudyColumnRequest = z.infer<typeof MoveStudyColumnRequestSchema>;

/** POST /api/study-plan/cards: a prompt card names its prompt; its title defaults to the prompt's. */
export const CreateStudyCardRequestSchema = z
  .strictObject({
    columnId: z.uuid({ message: 'must be a column id' }),
    title: CardTitleSchema.optional(),
    kind: StudyCardKindSchema.default('custom'),
    promptId: PromptIdSchema.optional(),
    status: StudyCardStatusSchema.default('todo'),
    notes: NotesSchema.default(''),
    links: LinksSchema.default([]),
  })
  .refine((card) => (card.kind === 'prompt') === (card.promptId !== undefined), {
    path: ['promptId'],
    message: 'is required for a prompt card, and only for one',
  })
  .refine((card) => card.kind === 'prompt' || card.title !== undefined, {
    path: ['title'],
    message: 'is required',
  });
/** What a client sends (defaults may be left out)… */
export type CreateStudyCardRequest = z.input<typeof CreateStudyCardRequestSchema>;
/** …and what the server reads once the schema filled them in. */
export type CreateStudyCard = z.output<typeof CreateStudyCardRequestSchema>;

/** PATCH /api/study-plan/cards/:id: any of the fields; what is left out stays. */
export const UpdateStudyCardRequestSchema = z
  .strictObject({
    title: CardTitleSchema.optional(),
    status: StudyCardStatusSchema.optional(),
    notes: NotesSchema.optional(),
    links: LinksSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'must change at least one of title, status, notes, links',
  });
export type UpdateStudyCardRequest = z.infer<typeof UpdateStudyCardRequestSchema>;

/** POST /api/study-plan/cards/:id/move: into a column (its own or another), at a place. */
export const MoveStudyCardRequestSchema = z.strictObject({
  columnId: z.uuid({ message: 'must be a column id' }),
  position: PositionSchema,
});
export type MoveStudyCardRequest = z.infer<typeof MoveStudyCardRequestSchema>;

/** How far along the board is: "12 of 47 done". */
export function studyPlanProgress(plan: Pick<StudyPlan, 'columns'>): { done: number; total: number } {
  const cards = plan.columns.flatMap((column) => column.cards);
  return { done: cards.filter((card) => card.status === 'done').length, total: cards.length };
}
