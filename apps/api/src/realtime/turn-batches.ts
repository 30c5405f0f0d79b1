/**
 * Collects items per key while one turn of the event loop reads its sockets, then hands each key's
 * items over together once that turn's input is read (setImmediate runs right after the poll
 * phase). What one socket sent arrives one message a turn while the server keeps up, and in a
 * bunch when it fell behind and reads seconds of sending at once.
 */
export class TurnBatches<K, T> {
  private pending = new Map<K, T[]>();
  private scheduled = false;

  /** `handle` gets each key's items in arrival order; it must not throw (nothing would catch it). */
  constructor(private readonly handle: (key: K, items: T[]) => void) {}

  add(key: K, item: T): void {
    const items = this.pending.get(key);
    if (items) items.push(item);
    else this.pending.set(key, [item]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const [key, items] of batches) this.handle(key, items);
  }
}
