import { TurnBatches } from './turn-batches';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatches', () => {
  it('hands over what each key got in one turn together, in arrival order, once the turn is done', async () => {
    const handed: [string, number[]][] = [];
    const batches = new TurnBatches<string, number>((key, items) => handed.push([key, items]));
    batches.add('a', 1);
    batches.add('b', 2);
    batches.add('a', 3);
    expect(handed).toEqual([]);
    await nextTurn();
    expect(handed).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('starts afresh in the next turn', async () => {
    const handed: number[][] = [];
    const batches = new TurnBatches<string, number>((_, items) => handed.push(items));
    batches.add('a', 1);
    await nextTurn();
    batches.add('a', 2);
    await nextTurn();
    expect(handed).toEqual([[1], [2]]);
  });
});
