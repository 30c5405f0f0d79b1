/** Injection token of the validated prompt library, loaded once at start. */
export const PROMPT_LIBRARY = Symbol('PROMPT_LIBRARY');
