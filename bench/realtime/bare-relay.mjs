// The baseline: a bare socket.io relay, as excalidraw-room is. No auth, no validation, no persistence:
// a socket joins a room by name and everything it sends is re-broadcast to the others in the room
// (pointer updates volatile, as the app sends them). Scene updates get an immediate ack with a
// per-room counter as version, so ack latency compares with the app's durable ack.
// With RECOVERY=1 it keeps socket.io's connection-state recovery on, as the app's adapter configures it
// (every non-volatile broadcast is kept in memory for 2 minutes), to tell that cost apart.
// Usage: PORT=0 node bench/realtime/bare-relay.mjs  → prints "bare relay listening at http://127.0.0.1:<port>"
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { EVENTS } from './payloads.mjs';

const http = createServer();
const io = new Server(
  http,
  process.env.RECOVERY === '1' ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 } } : {},
);
const versions = new Map();

io.on('connection', (socket) => {
  socket.on(EVENTS.bareJoin, async ({ room }, ack) => {
    await socket.join(room);
    ack?.({ ok: true });
  });
  socket.on(EVENTS.scene, (update, ack) => {
    const room = update.sessionId;
    const version = (versions.get(room) ?? 0) + 1;
    versions.set(room, version);
    socket.to(room).emit(EVENTS.scene, { sessionId: room, elements: update.elements, version });
    ack?.({ ok: true, version });
  });
  socket.on(EVENTS.pointer, (update) => {
    socket.volatile.to(update.sessionId).emit(EVENTS.pointer, update);
  });
});

const stop = () => io.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`bare relay listening at http://127.0.0.1:${http.address().port}\n`);
});
