/**
 * Awaits statements a transaction issued together, without waiting for one before sending the
 * next: pg sends them back to back on the transaction's connection (pipeline mode, data-source.ts)
 * and PostgreSQL runs them in the order sent, so they cost one round trip rather than one each.
 *
 * Fails with the first statement that failed in the order they were issued, not with whichever
 * rejection settled first: once one fails, PostgreSQL refuses every statement behind it in the
 * transaction ("current transaction is aborted"), and that refusal would hide the cause (a 409 for
 * a taken period would become a 500). It fails only once all have settled, so the transaction is
 * not rolled back and its connection released while statements are still on the wire.
 */
export async function statementsInOrder<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
