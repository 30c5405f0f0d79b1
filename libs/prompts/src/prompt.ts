import type { PhaseHints, PromptMeta, PromptSection, RubricSignal } from '@mockboard/contracts';

/** A validated prompt as the server holds it: metadata, the candidate's statement, the guide. */
export interface Prompt extends PromptMeta {
  problemStatement: string;
  /** The interviewer's guide: every section but the statement, the signals and the hints, in file order. */
  guideSections: PromptSection[];
  signals: RubricSignal[];
  /** The staged hints per phase, in time-plan order (interviewer-only until revealed). */
  hints: PhaseHints[];
  totalMinutes: number;
}

/** The `##` sections every prompt file must have, by slug, with the heading authors write. */
export const REQUIRED_SECTIONS = {
  'problem-statement': 'Problem statement',
  'clarifying-questions': 'Clarifying questions',
  'functional-requirements': 'Functional requirements',
  'non-functional-requirements': 'Non-functional requirements',
  'scale-estimates': 'Scale estimates',
  'high-level-design': 'High-level design',
  'deep-dives': 'Deep dives',
  'follow-ups': 'Follow-ups',
  'common-pitfalls': 'Common pitfalls',
  'rubric-signals': 'Rubric signals',
} as const;

/** The interviewer-only section of staged hints (prompts/README.md, "Hints"). */
export const HINTS_SECTION = { id: 'hints', title: 'Hints' } as const;

/**
 * The core prompts the library must always ship (more may be added beside them). The content check
 * and the API test both require each one, so dropping or renaming one is a change made here, on purpose.
 */
export const CORE_PROMPT_IDS = [
  'youtube',
  'uber',
  'whatsapp',
  'global-cdn',
  'url-shortener',
  'chat-app',
  'file-sync',
  'rate-limiter',
  'load-balancer',
  'ecommerce-microservices',
  'raft-kv-store',
  'distributed-cache',
  // The classics users expect from the books and courses (issue 17).
  'web-crawler',
  'ticketing',
  'payment-wallet',
  'metrics-monitoring',
  'ad-click-aggregation',
  'leaderboard',
  'collaborative-editing',
  'proximity-search',
  'unique-id-generator',
  'message-queue',
  'object-store',
  'hotel-reservation',
  'stock-exchange',
  'job-scheduler',
  'instagram',
  'pastebin',
  'search-autocomplete',
] as const;
