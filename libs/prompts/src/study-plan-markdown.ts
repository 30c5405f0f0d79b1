import {
  STUDY_CARD_STATUS_LABELS,
  studyPlanProgress,
  type StudyCard,
  type StudyPlan,
} from '@mockboard/contracts';

export interface StudyPlanMarkdownOptions {
  /** The address of a prompt's page, so a prompt card links to it. */
  promptUrl: (promptId: string) => string;
  /** How a completion date is written (the user's zone and format). */
  formatDate: (at: Date) => string;
}

/**
 * Angle brackets become entities so a renderer that passes HTML through sees no tag. An `&` is
 * left as typed ("Q&A") unless it would start an entity (`&lt;` typed as text), which a
 * backslash keeps literal.
 */
function inertHtml(text: string): string {
  return text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Text people typed, made inert (see `inertHtml`) and unable to start Markdown of its own in a
 * one-line title (a stray `[`, `*` or backtick).
 */
function inlineText(text: string): string {
  return inertHtml(text.replace(/([\\`*_[\]])/g, '\\$1')).replace(/\r?\n/g, ' ');
}

/** Notes keep their Markdown, but no raw HTML. */
function inertNotes(text: string): string {
  return inertHtml(text);
}

/** `<…>` destinations allow spaces and parentheses; only angle brackets must be escaped. */
function destination(url: string): string {
  return `<${url.replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\s/g, '%20')}>`;
}

function statusNote(card: StudyCard, options: StudyPlanMarkdownOptions): string {
  if (card.completedBy && card.status === 'done') {
    return `Done · completed in your mock on ${options.formatDate(new Date(card.completedBy.at))}`;
  }
  return STUDY_CARD_STATUS_LABELS[card.status];
}

function cardLines(card: StudyCard, options: StudyPlanMarkdownOptions): string[] {
  const box = card.status === 'done' ? '[x]' : '[ ]';
  const title = card.promptId
    ? `[${inlineText(card.title)}](${destination(options.promptUrl(card.promptId))})`
    : inlineText(card.title);
  const lines = [`- ${box} ${title} · ${statusNote(card, options)}`];
  // Two spaces keep the notes and links inside the list item; blank lines stay blank.
  const notes = inertNotes(card.notes.trim());
  if (notes) {
    lines.push('');
    lines.push(...notes.split(/\r?\n/).map((line) => (line.trim() ? `  ${line}` : '')));
  }
  if (card.links.length > 0) {
    if (notes) lines.push('');
    lines.push(
      ...card.links.map((link) => `  - [${inlineText(link.title || link.url)}](${destination(link.url)})`),
    );
  }
  return lines;
}

/** The board as a Markdown file: columns as `##` sections, cards as task-list items in order. */
export function studyPlanMarkdown(plan: StudyPlan, options: StudyPlanMarkdownOptions): string {
  const { done, total } = studyPlanProgress(plan);
  const sections = plan.columns.map((column) => {
    const cards = column.cards.flatMap((card) => cardLines(card, options));
    return [`## ${inlineText(column.title)}`, '', ...(cards.length > 0 ? cards : ['_No cards._'])].join('\n');
  });
  return [`# Study plan`, '', `${done} of ${total} done.`, '', sections.join('\n\n'), ''].join('\n');
}
