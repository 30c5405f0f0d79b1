/** What this instance knows of another it has heard from. */
interface Other {
  /** Whether a message of it arrived since this instance's last beat. */
  heardSinceBeat: boolean;
  /** This instance's beats in a row without a message of it (counted only while this one hears). */
  missed: number;
  /** Taken for hung: still subscribed (see live-instances.ts) after missing too many beats. */
  silent: boolean;
}

/**
 * Who among the other instances of a cluster has gone quiet, counted in this instance's own beats:
 * a pause of its own (its event loop blocked) costs the others one missed beat at most, and a beat
 * after which this instance did not hear its own last message come back (its Redis connection
 * away, its subscriber dropped) counts no miss at all, since it could not have heard anyone.
 * Pure bookkeeping: live-instances.ts feeds it the adapter's messages and asks Redis the rest.
 */
export class InstanceLiveness {
  private readonly others = new Map<string, Other>();
  private heardOwnSinceBeat = false;

  constructor(private readonly missedBeforeSilent: number) {}

  /** A message this instance sent came back through Redis. */
  heardOwn(): void {
    this.heardOwnSinceBeat = true;
  }

  /**
   * A message from another instance; only one whose beat was heard is followed (one of a release
   * without beats may go quiet for as long as it likes, and must stay counted). True when that
   * instance had been taken for silent.
   */
  heard(uid: string, isBeat: boolean): boolean {
    const other = this.others.get(uid);
    if (!other) {
      if (isBeat) this.others.set(uid, { heardSinceBeat: true, missed: 0, silent: false });
      return false;
    }
    const wasSilent = other.silent;
    Object.assign(other, { heardSinceBeat: true, missed: 0, silent: false });
    return wasSilent;
  }

  /**
   * This instance's beat. Returns the instances that have missed `missedBeforeSilent` beats in a
   * row and are not yet taken for silent: the caller decides whether they hang (markSilent) or
   * are gone (forget).
   */
  beat(): string[] {
    const counting = this.heardOwnSinceBeat;
    this.heardOwnSinceBeat = false;
    const quiet: string[] = [];
    for (const [uid, other] of this.others) {
      if (!other.heardSinceBeat && counting && !other.silent) {
        other.missed += 1;
        // Reported again at every beat until the caller decided (its check of Redis may fail).
        if (other.missed >= this.missedBeforeSilent) quiet.push(uid);
      }
      other.heardSinceBeat = false;
    }
    return quiet;
  }

  /** Takes it for hung, unless it was heard since it was reported. True when it was taken so. */
  markSilent(uid: string): boolean {
    const other = this.others.get(uid);
    if (!other || other.silent || other.missed < this.missedBeforeSilent) return false;
    other.silent = true;
    return true;
  }

  /** An instance that is gone (no longer subscribed): nothing more to wait for or report. */
  forget(uid: string): void {
    this.others.delete(uid);
  }

  /** The instances taken for silent. */
  silent(): string[] {
    return [...this.others].filter(([, other]) => other.silent).map(([uid]) => uid);
  }
}
