// A minimal socket.io client for the load generator: the socket.io protocol (v5, over engine.io v4)
// spoken straight over one `ws` WebSocket, text frames only. socket.io-client's layers (manager,
// reconnection, buffering, binary detection) cost the generator more CPU than the server it loads
// spent per message; on a 2-core machine that starved the server under test. This client does only
// what the peers need: connect with `auth`, emit with or without an ack, listen, answer pings.
//
// Frames: engine.io type digit first ("0" open, "2" ping, "3" pong, "4" message); a socket.io
// message then has its own type digit ("0" connect, "2" event, "3" ack, "4" connect error), an ack
// id for events that want one and for acks, then the JSON array.
import WebSocket from 'ws';

export class WireClient {
  #ws = null;
  #listeners = new Map();
  #acks = new Map();
  #nextAckId = 0;
  #onDisconnect = null;
  connected = false;

  /**
   * Opens the WebSocket and the default namespace; rejects with the server's reason if refused.
   * `query` rides the URL, as socket.io-client's does: a room's `session` routes it through a proxy.
   */
  connect(url, auth, { timeoutMs = 30_000, query = {} } = {}) {
    const extra = new URLSearchParams(query).toString();
    const endpoint = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket${extra ? `&${extra}` : ''}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error) => {
        clearTimeout(timer);
        this.#ws?.terminate();
        reject(error);
      };
      const ws = new WebSocket(endpoint, { perMessageDeflate: false });
      this.#ws = ws;
      ws.on('error', fail);
      ws.on('close', () => {
        const was = this.connected;
        this.connected = false;
        if (was) this.#onDisconnect?.('transport close');
      });
      ws.on('message', (data) => {
        const frame = String(data);
        switch (frame[0]) {
          case '0': // engine.io open: now open the socket.io namespace
            ws.send(auth ? `40${JSON.stringify(auth)}` : '40');
            return;
          case '2': // ping
            ws.send('3');
            return;
          case '4':
            if (frame[1] === '0') {
              clearTimeout(timer);
              this.connected = true;
              resolve();
            } else if (frame[1] === '4') {
              fail(new Error(JSON.parse(frame.slice(2)).message ?? 'connect error'));
            } else this.#packet(frame);
        }
      });
    });
  }

  on(event, listener) {
    this.#listeners.set(event, listener);
    return this;
  }

  off(event) {
    this.#listeners.delete(event);
    return this;
  }

  onDisconnect(listener) {
    this.#onDisconnect = listener;
  }

  /** Sends an event; with `ack`, the server's reply reaches it (or never, as with socket.io-client). */
  emit(event, payload, ack) {
    if (!this.connected) return;
    if (!ack) {
      this.#ws.send(`42${JSON.stringify([event, payload])}`);
      return;
    }
    const id = this.#nextAckId++;
    this.#acks.set(id, ack);
    this.#ws.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  /** emit with an ack as a promise, failing after `timeoutMs`. */
  request(event, payload, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${event}: no ack within ${timeoutMs} ms`)), timeoutMs);
      this.emit(event, payload, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  close() {
    this.connected = false;
    this.#ws?.close();
  }

  #packet(frame) {
    // "42[...]" an event, "43<id>[...]" an ack; the digits after the type are the ack id.
    let start = 2;
    while (frame.charCodeAt(start) >= 48 && frame.charCodeAt(start) <= 57) start += 1;
    const args = JSON.parse(frame.slice(start));
    if (frame[1] === '2') {
      this.#listeners.get(args[0])?.(args[1]);
    } else if (frame[1] === '3') {
      const id = Number(frame.slice(2, start));
      const ack = this.#acks.get(id);
      this.#acks.delete(id);
      ack?.(args[0]);
    }
  }
}
