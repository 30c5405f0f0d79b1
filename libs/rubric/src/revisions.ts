/**
 * Which revisions a scorecard keeps. Autosave writes every few seconds while an interviewer types,
 * and a revision per save grew without limit; the audit trail only needs the points where the
 * card meaningfully changed hands or state. Hence:
 * - consecutive saves by the same author, in the same status, within REVISION_WINDOW_MS of the
 *   first save folded into the latest revision, replace that revision instead of adding one;
 * - the first revision and the submission (the first revision in status `submitted`) are never
 *   replaced or pruned: they show what was written first and what was submitted;
 * - past MAX_REVISIONS, the oldest other revisions are pruned.
 */
export const REVISION_WINDOW_MS = 5 * 60_000;
export const MAX_REVISIONS = 50;

export type RevisionStatus = 'draft' | 'submitted';

/** What the policy needs to know of a stored revision (never its content). */
export interface RevisionMark {
  revision: number;
  editedBy: string;
  status: RevisionStatus;
  /** When the first save folded into this revision was made. */
  startedAt: Date;
}

export interface IncomingSave {
  editedBy: string;
  status: RevisionStatus;
  at: Date;
}

export type RevisionPlan =
  | { action: 'append'; revision: number; startedAt: Date }
  | { action: 'replace'; revision: number; startedAt: Date };

/** The revisions that are never replaced or pruned: the first one and the submission. */
export function landmarkRevisions(marks: readonly RevisionMark[]): Set<number> {
  const sorted = [...marks].sort((a, b) => a.revision - b.revision);
  const landmarks = new Set<number>();
  if (sorted[0]) landmarks.add(sorted[0].revision);
  const submission = sorted.find((mark) => mark.status === 'submitted');
  if (submission) landmarks.add(submission.revision);
  return landmarks;
}

/** Whether a save becomes a new revision or replaces the latest one (see the rules above). */
export function planRevision(marks: readonly RevisionMark[], save: IncomingSave): RevisionPlan {
  const latest = marks.reduce<RevisionMark | undefined>(
    (found, mark) => (!found || mark.revision > found.revision ? mark : found),
    undefined,
  );
  if (!latest) return { action: 'append', revision: 1, startedAt: save.at };
  const coalesces =
    latest.editedBy === save.editedBy &&
    latest.status === save.status &&
    save.at.getTime() - latest.startedAt.getTime() < REVISION_WINDOW_MS &&
    !landmarkRevisions(marks).has(latest.revision);
  return coalesces
    ? { action: 'replace', revision: latest.revision, startedAt: latest.startedAt }
    : { action: 'append', revision: latest.revision + 1, startedAt: save.at };
}

/** The revisions to delete so that at most `max` remain: the oldest that are not landmarks. */
export function revisionsToPrune(marks: readonly RevisionMark[], max = MAX_REVISIONS): number[] {
  const excess = marks.length - max;
  if (excess <= 0) return [];
  const landmarks = landmarkRevisions(marks);
  return marks
    .map((mark) => mark.revision)
    .filter((revision) => !landmarks.has(revision))
    .sort((a, b) => a - b)
    .slice(0, excess);
}
