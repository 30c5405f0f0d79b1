import type { CaseStudyFeedback, SessionFormat } from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';

/** Everything one participant's case study shows, before it becomes Markdown or JSON. */
export interface CaseStudyContent {
  title: string;
  startsAt: Date;
  timeZone: string;
  format: SessionFormat;
  solo: boolean;
  rounds: {
    number: number;
    role: 'interviewer' | 'candidate' | null;
    promptId: string | null;
    promptTitle: string | null;
    problemStatement: string | null;
    /** The owner's own interviewer notes for the round; null when none, or when shared publicly. */
    notes: string | null;
  }[];
  /** The feedback about the owner that they may read, by round. */
  feedback: CaseStudyFeedback[];
}

/**
 * Text people typed, made inert for Markdown renderers that pass HTML through: angle brackets and
 * ampersands become entities, so a note cannot smuggle a tag into whoever renders the file.
 */
export function inertText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tableCell(text: string): string {
  return inertText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>') || '—';
}

function quoted(text: string): string {
  return inertText(text.trim())
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function roleLine(round: CaseStudyContent['rounds'][number], solo: boolean): string | null {
  if (solo) return 'Solo practice.';
  if (round.role === 'candidate') return 'I was the candidate.';
  if (round.role === 'interviewer') return 'I was the interviewer.';
  return null;
}

function feedbackSection(feedback: CaseStudyFeedback): string[] {
  const lines = ['### Feedback from my interviewer', ''];
  if (feedback.weightedScore !== null)
    lines.push(`**Weighted score: ${feedback.weightedScore.toFixed(2)} / 4**`, '');
  lines.push('| Dimension | Level | Evidence |', '| --- | --- | --- |');
  for (const dimension of feedback.dimensions) {
    const level =
      dimension.level === null ? '—' : `${dimension.level} — ${dimension.levelLabel ?? ''}`.trim();
    lines.push(`| ${tableCell(dimension.title)} | ${level} | ${tableCell(dimension.evidence)} |`);
  }
  lines.push('');
  if (feedback.strengths.trim()) lines.push('**Strengths**', '', quoted(feedback.strengths), '');
  if (feedback.improvements.trim()) lines.push('**To improve**', '', quoted(feedback.improvements), '');
  return lines;
}

/** One round's board, rendered. */
export interface RoundWhiteboard {
  round: number;
  svg: string;
}

/**
 * The case study as one Markdown file: per round the prompt and its statement, the owner's notes
 * and the feedback about them, then the whiteboard as inline SVG (rendered by the app's own scene
 * renderer, so it carries no user markup): one board, or each round's own (issue 14).
 */
export function caseStudyMarkdown(
  content: CaseStudyContent,
  whiteboards: string | readonly RoundWhiteboard[],
): string {
  const lines = [
    `# ${inertText(content.title)}`,
    '',
    `*A system-design mock interview practised on Mockboard · ${formatInZone(content.startsAt, content.timeZone)}*`,
    '',
  ];
  for (const round of content.rounds) {
    const heading = content.rounds.length > 1 ? `Round ${round.number}: ` : '';
    lines.push(`## ${heading}${inertText(round.promptTitle ?? 'No prompt chosen')}`, '');
    const role = roleLine(round, content.solo);
    if (role) lines.push(role, '');
    if (round.problemStatement) lines.push('### Problem statement', '', round.problemStatement.trim(), '');
    if (round.notes?.trim()) lines.push('### My interviewer notes', '', quoted(round.notes), '');
    for (const feedback of content.feedback.filter((item) => item.round === round.number)) {
      lines.push(...feedbackSection(feedback));
    }
  }
  if (typeof whiteboards === 'string') lines.push('## Final whiteboard', '', whiteboards, '');
  else if (whiteboards.length === 1) lines.push('## Final whiteboard', '', whiteboards[0]!.svg, '');
  else for (const { round, svg } of whiteboards) lines.push(`## Whiteboard, round ${round}`, '', svg, '');
  return lines.join('\n');
}
