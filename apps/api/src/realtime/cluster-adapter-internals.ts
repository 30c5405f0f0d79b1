import type { ClusterAdapter, ClusterMessage, ClusterResponse } from 'socket.io-adapter';

/**
 * What the app's wrappers of the cluster adapter (remote-broadcasts.ts, live-instances.ts) read and
 * replace on an adapter instance: protected in its types, but called through `this`, so an instance
 * property stands in for the class's method.
 */
export interface ClusterAdapterInternals {
  /** This instance's id, which its messages carry. */
  uid: string;
  /** What the adapter's transport calls for every message (and answer) it reads. */
  onMessage(message: ClusterMessage | ClusterResponse, offset?: string): void;
  /** Publishes a message (never an answer) to the other instances. */
  doPublish(message: ClusterMessage): Promise<string>;
}

export function internalsOf(adapter: ClusterAdapter): ClusterAdapterInternals {
  return adapter as unknown as ClusterAdapterInternals;
}
