/**
 * Reads that the mails of one claimed batch share, each made once: a booking's two confirmations,
 * claimed together, describe one session, so it is read for the first and reused for the second.
 * It lives only as long as its batch (milliseconds), so a mail still describes the data as it is
 * when sent. A read that fails is forgotten, so the next mail that needs it tries again.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.reads.set(key, pending);
      pending.catch(() => this.reads.delete(key));
    }
    return pending;
  }
}
