/**
 * The prompts the home page names as examples, from the easiest to the hardest in the shipped
 * library (prompts/). Each links to its page; home-examples.spec.ts fails if one is renamed or
 * removed, so the home page never promises a prompt that does not exist.
 */
export const HOME_EXAMPLE_PROMPTS = [
  { id: 'url-shortener', title: 'Design a URL shortener', shortName: 'a URL shortener' },
  {
    id: 'raft-kv-store',
    title: 'Design a replicated key-value store with Raft',
    shortName: 'a replicated key-value store with Raft',
  },
] as const;
