import {
  MAX_REVISIONS,
  REVISION_WINDOW_MS,
  landmarkRevisions,
  planRevision,
  revisionsToPrune,
  type RevisionMark,
} from './revisions';

const T0 = new Date('2026-05-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const mark = (revision: number, overrides: Partial<RevisionMark> = {}): RevisionMark => ({
  revision,
  editedBy: 'ann',
  status: 'draft',
  startedAt: at(revision * 1_000),
  ...overrides,
});

describe('planRevision', () => {
  it('starts the trail at revision 1', () => {
    expect(planRevision([], { editedBy: 'ann', status: 'draft', at: T0 })).toEqual({
      action: 'append',
      revision: 1,
      startedAt: T0,
    });
  });

  it('never replaces the first revision', () => {
    expect(planRevision([mark(1)], { editedBy: 'ann', status: 'draft', at: at(2_000) })).toMatchObject({
      action: 'append',
      revision: 2,
    });
  });

  it("folds the same author's draft saves within the window into the latest revision", () => {
    const plan = planRevision([mark(1), mark(2)], { editedBy: 'ann', status: 'draft', at: at(60_000) });
    expect(plan).toEqual({ action: 'replace', revision: 2, startedAt: at(2_000) });
  });

  it('starts a new revision once the window since its first save has passed', () => {
    const plan = planRevision([mark(1), mark(2)], {
      editedBy: 'ann',
      status: 'draft',
      at: at(2_000 + REVISION_WINDOW_MS),
    });
    expect(plan).toMatchObject({ action: 'append', revision: 3 });
  });

  it('starts a new revision for another author or a change of status', () => {
    const marks = [mark(1), mark(2)];
    expect(planRevision(marks, { editedBy: 'bob', status: 'draft', at: at(3_000) }).action).toBe('append');
    expect(planRevision(marks, { editedBy: 'ann', status: 'submitted', at: at(3_000) }).action).toBe(
      'append',
    );
  });

  it('keeps the submission as it was: later edits start a new revision, then fold into it', () => {
    const marks = [mark(1), mark(2), mark(3, { status: 'submitted' })];
    expect(planRevision(marks, { editedBy: 'ann', status: 'submitted', at: at(4_000) })).toMatchObject({
      action: 'append',
      revision: 4,
    });
    const edited = [...marks, mark(4, { status: 'submitted' })];
    expect(planRevision(edited, { editedBy: 'ann', status: 'submitted', at: at(5_000) })).toMatchObject({
      action: 'replace',
      revision: 4,
    });
  });
});

describe('revisionsToPrune', () => {
  it('prunes nothing up to the cap', () => {
    expect(revisionsToPrune(Array.from({ length: MAX_REVISIONS }, (_, i) => mark(i + 1)))).toEqual([]);
  });

  it('prunes the oldest revisions past the cap, sparing the first one and the submission', () => {
    const marks = [mark(1), mark(2, { status: 'submitted' }), mark(3), mark(4), mark(5), mark(6)];
    expect(landmarkRevisions(marks)).toEqual(new Set([1, 2]));
    expect(revisionsToPrune(marks, 4)).toEqual([3, 4]);
  });

  it('works on revisions with gaps left by earlier pruning', () => {
    expect(revisionsToPrune([mark(1), mark(7), mark(9), mark(12)], 3)).toEqual([7]);
  });
});
