import type { Versioned } from './element-version';
import {
  planSceneBatch,
  scenesGrownBy,
  scenesNeedingVersion,
  versionsAfterLog,
  winnerSeqs,
  type SceneLimits,
  type StoredScene,
} from './scene-batch';

type Copy = Versioned & { tag: string };

const copy = (id: string, version: number, tag = `${id}@${version}`, versionNonce = 100): Copy => ({
  id,
  version,
  versionNonce,
  isDeleted: false,
  tag,
});

const scene = (overrides: Partial<StoredScene> = {}): StoredScene => ({
  editable: true,
  elementCount: 0,
  copies: new Map(),
  ...overrides,
});

const tags = (elements: readonly Copy[]) => elements.map((element) => element.tag);

describe('planSceneBatch', () => {
  it('accepts what wins against the stored copy and skips what loses', () => {
    const stored = new Map([['s1', scene({ elementCount: 2, copies: new Map([['a', copy('a', 5)]]) })]]);
    const plan = planSceneBatch([{ sceneId: 's1', elements: [copy('a', 4), copy('b', 1)] }], stored, 100);
    expect(plan.outcomes[0]).toEqual({ accepted: [copy('b', 1)], logRange: [0, 1] });
    expect(plan.winners).toEqual([{ sceneId: 's1', element: copy('b', 1) }]);
  });

  it('merges later updates against earlier ones in the same batch, as one-by-one would', () => {
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [copy('a', 2)] },
        { sceneId: 's1', elements: [copy('a', 1)] }, // older than the first: loses
        { sceneId: 's1', elements: [copy('a', 3)] },
      ],
      new Map([['s1', scene()]]),
      100,
    );
    expect(
      plan.outcomes.map((outcome) => ('accepted' in outcome ? tags(outcome.accepted) : outcome)),
    ).toEqual([['a@2'], [], ['a@3']]);
    expect(tags(plan.log.map((entry) => entry.element))).toEqual(['a@2', 'a@3']);
    expect(tags(plan.winners.map((entry) => entry.element))).toEqual(['a@3']);
  });

  it('breaks a version tie with the lower versionNonce, even within one update', () => {
    const plan = planSceneBatch(
      [{ sceneId: 's1', elements: [copy('a', 2, 'high', 900), copy('a', 2, 'low', 10)] }],
      new Map([['s1', scene()]]),
      100,
    );
    expect(tags(plan.winners.map((entry) => entry.element))).toEqual(['low']);
    expect(plan.outcomes[0]).toMatchObject({ accepted: [{ tag: 'low' }] });
  });

  it('never lets an older copy resurrect a stored tombstone', () => {
    const tombstone = { ...copy('a', 7), isDeleted: true };
    const plan = planSceneBatch(
      [{ sceneId: 's1', elements: [copy('a', 6)] }],
      new Map([['s1', scene({ elementCount: 1, copies: new Map([['a', tombstone]]) })]]),
      100,
    );
    expect(plan.winners).toEqual([]);
    expect(plan.log).toEqual([]);
  });

  it('refuses updates to a closed or unknown scene without touching the others', () => {
    const plan = planSceneBatch(
      [
        { sceneId: 'over', elements: [copy('a', 1)] },
        { sceneId: 'missing', elements: [copy('b', 1)] },
        { sceneId: 'open', elements: [copy('c', 1)] },
      ],
      new Map([
        ['over', scene({ editable: false })],
        ['open', scene()],
      ]),
      100,
    );
    expect(plan.outcomes.slice(0, 2)).toEqual([{ refused: 'scene_closed' }, { refused: 'scene_closed' }]);
    expect(plan.winners).toEqual([{ sceneId: 'open', element: copy('c', 1) }]);
  });

  it('counts new elements across the batch against the scene cap; edits of known ones always fit', () => {
    const full = scene({ elementCount: 3, copies: new Map([['known', copy('known', 1)]]) });
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [copy('n1', 1)] }, // 4 of 5
        { sceneId: 's1', elements: [copy('n2', 1), copy('n3', 1)] }, // would be 6: refused
        { sceneId: 's1', elements: [copy('n2', 1)] }, // 5 of 5
        { sceneId: 's1', elements: [copy('known', 2), copy('n1', 2)] }, // no new element
        { sceneId: 's1', elements: [copy('n4', 1)] }, // would be 6: refused
      ],
      new Map([['s1', full]]),
      5,
    );
    expect(plan.outcomes.map((outcome) => ('refused' in outcome ? outcome.refused : 'ok'))).toEqual([
      'ok',
      'scene_full',
      'ok',
      'ok',
      'scene_full',
    ]);
  });

  it('counts an id sent twice in one update once', () => {
    const plan = planSceneBatch(
      [{ sceneId: 's1', elements: [copy('a', 1), copy('a', 2)] }],
      new Map([['s1', scene({ elementCount: 4 })]]),
      5,
    );
    expect(plan.outcomes[0]).toMatchObject({ accepted: [{ tag: 'a@2' }] });
  });
});

describe('planSceneBatch with budgets', () => {
  const sized = (id: string, version: number, bytes: number, isDeleted = false) => ({
    ...copy(id, version),
    isDeleted,
    bytes,
  });
  const limits = (overrides: Partial<SceneLimits<Copy & { bytes: number }>> = {}) => ({
    maxElements: 100,
    maxSceneBytes: 1_000,
    maxLogBytes: 5_000,
    sizeOf: (element: Copy & { bytes: number }) => element.bytes,
    ...overrides,
  });
  const verdicts = (plan: { outcomes: ({ refused: string } | { accepted: unknown[] })[] }) =>
    plan.outcomes.map((outcome) => ('refused' in outcome ? outcome.refused : 'ok'));

  it('counts the bytes a batch adds to the scene, refusing the update that would pass the budget', () => {
    const stored = new Map([
      ['s1', scene({ sceneBytes: 600, copies: new Map([['a', { ...copy('a', 1), bytes: 100 }]]) })],
    ]);
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [sized('b', 1, 200)] }, // 800
        { sceneId: 's1', elements: [sized('c', 1, 300)] }, // would be 1,100: refused
        { sceneId: 's1', elements: [sized('a', 2, 250)] }, // 950: a grew by 150
        { sceneId: 's1', elements: [sized('b', 2, 100)] }, // 850: shrinking always fits
      ],
      stored,
      limits(),
    );
    expect(verdicts(plan)).toEqual(['ok', 'scene_budget', 'ok', 'ok']);
    expect(plan.sceneBytes.get('s1')).toBe(250);
    expect(plan.winners.map((winner) => winner.element.id)).toEqual(['b', 'a']);
  });

  it('refuses what the log has no room for, and says which budget is full', () => {
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [sized('a', 1, 300)] },
        { sceneId: 's1', elements: [sized('a', 2, 300)] }, // log would hold 5,100 bytes
      ],
      new Map([['s1', scene({ logBytes: 4_500 })]]),
      limits(),
    );
    expect(verdicts(plan)).toEqual(['ok', 'log_budget']);
  });

  it('lets a full board be cleared: a deletion may grow its element a little', () => {
    const stored = new Map([
      ['s1', scene({ sceneBytes: 1_000, copies: new Map([['a', { ...copy('a', 1), bytes: 100 }]]) })],
    ]);
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [sized('a', 2, 110, true)] },
        { sceneId: 's1', elements: [sized('new', 1, 5, true)] }, // a new tombstone still costs bytes
      ],
      stored,
      limits(),
    );
    expect(verdicts(plan)).toEqual(['ok', 'scene_budget']);
  });

  it('counts live elements only against the element cap', () => {
    const stored = new Map([
      [
        's1',
        scene({
          elementCount: 2,
          copies: new Map([
            ['gone', { ...copy('gone', 3), isDeleted: true }],
            ['live', copy('live', 1)],
          ]),
        }),
      ],
    ]);
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [sized('n1', 1, 1)] }, // 3 of 3
        { sceneId: 's1', elements: [sized('n2', 1, 1)] }, // would be 4: refused
        { sceneId: 's1', elements: [sized('live', 2, 1, true)] }, // deleted: 2
        { sceneId: 's1', elements: [sized('n2', 1, 1), sized('ghost', 1, 1, true)] }, // 3: fits
        { sceneId: 's1', elements: [sized('gone', 4, 1)] }, // restored: would be 4
      ],
      stored,
      limits({ maxElements: 3 }),
    );
    expect(verdicts(plan)).toEqual(['ok', 'scene_full', 'ok', 'ok', 'scene_full']);
  });

  it('leaves the scene as it was after a refused update', () => {
    const plan = planSceneBatch(
      [
        { sceneId: 's1', elements: [sized('a', 5, 2_000)] }, // too big: refused
        { sceneId: 's1', elements: [sized('a', 1, 10)] }, // wins: the refused copy was never stored
      ],
      new Map([['s1', scene()]]),
      limits(),
    );
    expect(verdicts(plan)).toEqual(['scene_budget', 'ok']);
    expect(plan.winners.map((winner) => winner.element.version)).toEqual([1]);
  });
});

describe('versionsAfterLog', () => {
  it('gives each update the sequence of its last logged copy, or its scene’s latest so far', () => {
    const updates = [
      { sceneId: 's1', elements: [copy('a', 1), copy('b', 1)] },
      { sceneId: 's2', elements: [copy('c', 1)] },
      { sceneId: 's1', elements: [copy('a', 1)] }, // changes nothing
      { sceneId: 's3', elements: [copy('d', 1)] }, // closed
      { sceneId: 's2', elements: [copy('c', 0)] }, // changes nothing
    ];
    const plan = planSceneBatch(
      updates,
      new Map([
        ['s1', scene()],
        ['s2', scene({ elementCount: 1, copies: new Map([['c', copy('c', 0)]]) })],
        ['s3', scene({ editable: false })],
      ]),
      100,
    );
    const versions = versionsAfterLog(
      plan,
      updates,
      new Map([
        ['s1', 0],
        ['s2', 40],
      ]),
      [101, 102, 103],
    );
    expect(versions).toEqual([102, 103, 102, null, 103]);
  });
});

describe('winnerSeqs', () => {
  it("stamps each stored winner with its own log row's seq, per scene", () => {
    const updates = [
      { sceneId: 's1', elements: [copy('a', 1), copy('b', 1)] },
      { sceneId: 's2', elements: [copy('a', 5)] },
      { sceneId: 's1', elements: [copy('a', 2)] },
    ];
    const plan = planSceneBatch(
      updates,
      new Map([
        ['s1', scene()],
        ['s2', scene()],
      ]),
      100,
    );
    // Log order: s1/a@1, s1/b@1, s2/a@5, s1/a@2 (a@1 was coalesced into a@2: both stand for 40).
    const seqs = winnerSeqs(plan, [40, 11, 12, 40]);
    const stamped = plan.winners.map(({ sceneId, element }, index) => [sceneId, element.tag, seqs[index]]);
    expect(stamped).toEqual(
      expect.arrayContaining([
        ['s1', 'a@2', 40],
        ['s1', 'b@1', 11],
        ['s2', 'a@5', 12],
      ]),
    );
    expect(stamped).toHaveLength(3);
  });
});

describe('what a batch needs to read', () => {
  const copies = new Map([['s1', new Map([['a', copy('a', 1)]])]]);
  const updates = [
    { sceneId: 's1', elements: [copy('a', 2)] }, // an edit: no count needed
    { sceneId: 's2', elements: [copy('b', 1)] }, // a new element
    { sceneId: 's1', elements: [copy('a', 1)] }, // changes nothing
  ];

  it('counts only the scenes the batch adds elements to', () => {
    expect(scenesGrownBy(updates, (id) => copies.get(id))).toEqual(['s2']);
  });

  it('counts a scene where a deleted element comes back, not one that only gains tombstones', () => {
    const known = new Map([['s1', new Map([['a', { ...copy('a', 1), isDeleted: true }]])]]);
    expect(
      scenesGrownBy(
        [
          { sceneId: 's1', elements: [copy('a', 2)] },
          { sceneId: 's2', elements: [{ ...copy('b', 1), isDeleted: true }] },
        ],
        (id) => known.get(id),
      ),
    ).toEqual(['s1']);
  });

  it('asks for the version only of scenes where an update changed nothing', () => {
    const plan = planSceneBatch(
      updates,
      new Map([
        ['s1', scene({ elementCount: 1, copies: copies.get('s1') })],
        ['s2', scene()],
      ]),
      100,
    );
    expect(scenesNeedingVersion(plan, updates)).toEqual(['s1']);
  });
});
