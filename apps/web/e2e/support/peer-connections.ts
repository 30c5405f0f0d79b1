/**
 * Test-only, run in the page before the app loads (page.addInitScript): keeps every
 * RTCPeerConnection the page makes on `window.__peerConnections`, so a call test can read their
 * stats (the app exposes nothing for tests). Self-contained: the browser runs its source alone.
 */
export function keepPeerConnections(): void {
  type Constructor = new (...args: unknown[]) => object;
  const page = globalThis as unknown as { RTCPeerConnection: Constructor; __peerConnections: object[] };
  const Native = page.RTCPeerConnection;
  const created: object[] = [];
  page.__peerConnections = created;
  page.RTCPeerConnection = class extends Native {
    constructor(...args: unknown[]) {
      super(...args);
      created.push(this);
    }
  };
}
