/**
 * A field of a test stage (set in its hooks) read outside a test, at describe time, is a mistake in
 * the test, not undefined: this says so, naming the stage.
 */
export function stageField<T>(value: T | undefined, stage: string): T {
  if (value === undefined) throw new Error(`The ${stage} is set up in hooks: read it inside a test`);
  return value;
}
