import {
  ScorecardHistoryResponseSchema,
  ScorecardWriteSchema,
  type ScorecardHistoryResponse,
} from '@mockboard/contracts';
import { MAX_REVISIONS, REVISION_WINDOW_MS } from '@mockboard/rubric';
import { UsersService } from '../src/auth/users.service';
import { ScorecardsService } from '../src/scoring/scorecards.service';
import type { SignedUpUser } from './support/factories';
import { asUser } from './support/scheduling-factories';
import { aPastSession, aScorecard, putScorecard, scorecardPath } from './support/scoring-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('scorecard revisions stay bounded', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  async function history(user: SignedUpUser, sessionId: string): Promise<ScorecardHistoryResponse> {
    const response = await asUser(server, user)
      .get(`${scorecardPath(sessionId, 1)}/history?kind=interviewer`)
      .expect(200);
    return ScorecardHistoryResponseSchema.parse(response.body);
  }

  it('folds 200 autosaves into two revisions, keeping the first draft and the latest content', async () => {
    const { id, host } = await aPastSession(server);
    for (let save = 1; save <= 200; save += 1) {
      await putScorecard(
        server,
        host,
        id,
        1,
        aScorecard({}, { submit: false, strengths: `Autosave ${save}` }),
      );
    }
    const drafts = await history(host, id);
    expect(drafts.revisions.map((revision) => revision.revision)).toEqual([1, 2]);
    expect(drafts.revisions.map((revision) => revision.snapshot.strengths)).toEqual([
      'Autosave 1',
      'Autosave 200',
    ]);
    expect(drafts.revisions.every((revision) => revision.editedBy === host.user.id)).toBe(true);

    // Submitting is a landmark of its own, and the next edit does not overwrite it.
    await putScorecard(server, host, id, 1, aScorecard({}, { strengths: 'Submitted' }));
    await putScorecard(server, host, id, 1, aScorecard({}, { strengths: 'Fixed a typo' }));
    await putScorecard(server, host, id, 1, aScorecard({}, { strengths: 'Fixed another typo' }));
    const submitted = await history(host, id);
    expect(
      submitted.revisions.map(({ revision, snapshot }) => [revision, snapshot.status, snapshot.strengths]),
    ).toEqual([
      [1, 'draft', 'Autosave 1'],
      [2, 'draft', 'Autosave 200'],
      [3, 'submitted', 'Submitted'],
      [4, 'submitted', 'Fixed another typo'],
    ]);
    const feedback = await asUser(server, host).get(scorecardPath(id, 1)).expect(200);
    expect(feedback.body.interviewer.strengths).toBe('Fixed another typo');
  });

  it(`keeps at most ${MAX_REVISIONS} revisions over hours of editing, never losing the first or the submission`, async () => {
    const { id, host } = await aPastSession(server, { startedHoursAgo: 3 });
    const author = await server.app.get(UsersService).find(host.user.id);
    if (!author) throw new Error('The host has no account');
    const scorecards = server.app.get(ScorecardsService);
    const start = Date.now();
    // One save per window: each starts a revision of its own, as an hours-long edit would.
    for (let save = 1; save <= 80; save += 1) {
      const at = new Date(start + save * REVISION_WINDOW_MS);
      await scorecards.save(
        author,
        id,
        1,
        ScorecardWriteSchema.parse(aScorecard({}, { submit: save === 10, strengths: `Save ${save}` })),
        at,
      );
    }
    const trail = await history(host, id);
    expect(trail.revisions).toHaveLength(MAX_REVISIONS);
    const strengths = trail.revisions.map((revision) => revision.snapshot.strengths);
    expect(strengths[0]).toBe('Save 1');
    expect(strengths[1]).toBe('Save 10');
    expect(trail.revisions[1]!.snapshot.status).toBe('submitted');
    expect(strengths.slice(2)).toEqual(Array.from({ length: MAX_REVISIONS - 2 }, (_, i) => `Save ${33 + i}`));
    const numbers = trail.revisions.map((revision) => revision.revision);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(80);
  });
});
