import { placeAt } from './place-at';

describe('placeAt', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves an id within its list', () => {
    expect(placeAt(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(placeAt(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(placeAt(ids, 'b', 1)).toEqual(ids);
  });

  it('inserts an id that comes from another list', () => {
    expect(placeAt(ids, 'x', 1)).toEqual(['a', 'x', 'b', 'c', 'd']);
  });

  it('clamps a position past the end to the end', () => {
    expect(placeAt(ids, 'a', 999)).toEqual(['b', 'c', 'd', 'a']);
    expect(placeAt([], 'x', 5)).toEqual(['x']);
  });
});
