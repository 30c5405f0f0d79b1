/**
 * Reads that the mails of one claimed batch share, each made once: a booking's two confirmations,
 * claimed together, describe one session, so it is read for the first and reused for the second.
 * It lives only as long as its batch, so a mail describes the data as it was when the first mail
 * of the batch that needed it was written: milliseconds earlier with the dev mailbox, a few
 * seconds at most through a slow SMTP server. A read that fails is forgotten, so the next mail
 * that needs it tries again.
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
