import { forViewer, hasFilters, queryFromParams, queryKey } from './prompt-list-query';

describe('the library query in the URL', () => {
  it('reads the practice filter with the others', () => {
    expect(queryFromParams(new URLSearchParams('practised=no&tag=caching&difficulty=easy'))).toEqual({
      practised: 'no',
      tag: 'caching',
      difficulty: 'easy',
    });
  });

  it('reads a topic beside the raw tag of an older link, and keys the cache by the topic', () => {
    expect(queryFromParams(new URLSearchParams('topic=caching&tag=redis'))).toEqual({
      topic: 'caching',
      tag: 'redis',
    });
    expect(hasFilters({ topic: 'caching' })).toBe(true);
    expect(queryKey({ topic: 'caching' })).not.toBe(queryKey({ topic: 'search-and-geo' }));
  });

  it('drops a practice value the API would reject instead of failing the page', () => {
    expect(queryFromParams(new URLSearchParams('practised=maybe'))).toEqual({});
  });

  it('counts the practice filter as a filter and keys the cache by it', () => {
    expect(hasFilters({ practised: 'yes' })).toBe(true);
    expect(queryKey({ practised: 'yes' })).not.toBe(queryKey({ practised: 'no' }));
  });

  it('ignores the practice filter of a shared link for someone signed out', () => {
    expect(forViewer({ practised: 'no', tag: 'caching' }, false)).toEqual({ tag: 'caching' });
    expect(forViewer({ practised: 'no', tag: 'caching' }, true)).toEqual({ practised: 'no', tag: 'caching' });
  });
});
