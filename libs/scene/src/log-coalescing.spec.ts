import { coalesceLog, seqsAfterCoalescing, type LogCandidate, type LogWindow } from './log-coalescing';

const by = (authorId: string | null, key: string, at: number): LogCandidate => ({ key, authorId, at });

describe('coalesceLog', () => {
  it('keeps only the last version of an element one author changed within the window', () => {
    const coalesced = coalesceLog(
      [by('ann', 'a', 1000), by('ann', 'a', 1100), by('ann', 'b', 1100), by('ann', 'a', 1200)],
      new Map(),
      1000,
    );
    expect(coalesced.keep).toEqual([false, false, true, true]);
    expect(coalesced.replacedBy).toEqual([1, 3, null, null]);
    expect(coalesced.replacedSeqs).toEqual([]);
  });

  it('replaces the stored row of the previous batch when it is recent and from the same author', () => {
    const stored = new Map<string, LogWindow>([['a', { seq: 41, authorId: 'ann', startedAt: 500 }]]);
    const coalesced = coalesceLog([by('ann', 'a', 1200)], stored, 1000);
    expect(coalesced).toMatchObject({ keep: [true], replacedSeqs: [41], startedAt: [500] });
  });

  it('keeps a row per window during a long drag, so the replay still shows the movement', () => {
    const stored = new Map<string, LogWindow>();
    const kept: number[] = [];
    let seq = 0;
    for (let at = 0; at < 3000; at += 100) {
      const coalesced = coalesceLog([by('ann', 'a', at)], stored, 1000);
      seq += 1;
      const replaced = new Set(coalesced.replacedSeqs);
      kept.splice(0, kept.length, ...kept.filter((row) => !replaced.has(row)), seq);
      stored.set('a', { seq, authorId: 'ann', startedAt: coalesced.startedAt[0]! });
    }
    // 30 versions over 3 s: one row for each second.
    expect(kept).toHaveLength(3);
    expect(kept.at(-1)).toBe(30);
  });

  it('never merges two authors’ changes, old rows, or the server’s own writes', () => {
    const stored = new Map<string, LogWindow>([
      ['a', { seq: 1, authorId: 'ann', startedAt: 900 }],
      ['b', { seq: 2, authorId: 'ann', startedAt: 0 }],
    ]);
    const coalesced = coalesceLog(
      [by('bob', 'a', 1000), by('ann', 'b', 1000), by(null, 'c', 1000), by(null, 'c', 1000)],
      stored,
      1000,
    );
    expect(coalesced.keep).toEqual([true, true, true, true]);
    expect(coalesced.replacedSeqs).toEqual([]);
  });
});

describe('seqsAfterCoalescing', () => {
  it('gives a replaced candidate the sequence number of the row that replaced it', () => {
    const coalesced = coalesceLog(
      [by('ann', 'a', 0), by('ann', 'b', 0), by('ann', 'a', 10), by('ann', 'a', 20)],
      new Map(),
      1000,
    );
    expect(seqsAfterCoalescing(coalesced, [7, 8])).toEqual([8, 7, 8, 8]);
  });

  it('gives a big copy a longer window, so a long stroke logs a bounded number of bytes a second', () => {
    const stored = new Map<string, LogWindow>();
    const rows = new Map<number, number>(); // seq → bytes of the log's rows
    // A pen stroke drawn for two minutes: 60 points (~1,800 bytes) a second, sent every 100 ms.
    for (let at = 0, seq = 1; at < 120_000; at += 100, seq += 1) {
      const bytes = 200 + (at / 100) * 180;
      const coalesced = coalesceLog([{ key: 's', authorId: 'ann', at, bytes }], stored, 1000, 10_000);
      for (const replaced of coalesced.replacedSeqs) rows.delete(replaced);
      rows.set(seq, bytes);
      stored.set('s', { seq, authorId: 'ann', startedAt: coalesced.startedAt[0]! });
    }
    const logged = [...rows.values()].reduce((sum, bytes) => sum + bytes, 0);
    // With the 1 s window alone: one row a second, 13 MB in all.
    expect(logged).toBeLessThan(1_500_000);
    expect(rows.size).toBeGreaterThan(5); // the replay still shows it grow
  });
});
