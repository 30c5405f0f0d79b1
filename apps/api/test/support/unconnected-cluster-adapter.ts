import type { Namespace } from 'socket.io';
import { ClusterAdapter, type ClusterMessage } from 'socket.io-adapter';

/**
 * A cluster adapter whose transport publishes nowhere: a spec hands it the messages another
 * instance would have sent (`onMessage`), reads what it published, and says how many instances
 * Redis would count.
 */
export class UnconnectedClusterAdapter extends ClusterAdapter {
  readonly published: ClusterMessage[] = [];
  /** What `PUBSUB NUMSUB` would answer: instances subscribed to the adapter's channel. */
  subscribed = 1;

  // ClusterAdapter's own constructor is protected.
  constructor(namespace: Namespace) {
    super(namespace);
  }

  /** The id this instance's messages carry (protected in ClusterAdapter). */
  get instanceUid(): string {
    return this.uid;
  }

  override serverCount(): Promise<number> {
    return Promise.resolve(this.subscribed);
  }

  protected override doPublish(message: ClusterMessage): Promise<string> {
    this.published.push(message);
    return Promise.resolve('');
  }

  protected override doPublishResponse(): Promise<void> {
    return Promise.resolve();
  }
}
