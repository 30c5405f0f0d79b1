import type { Response } from 'supertest';
import { asUser, bookSlot, offerSlot, signUpMany } from './support/scheduling-factories';
import { appWithSecondConnection } from './support/second-connection';

// A booking beside another transaction on the same slot: always on PostgreSQL (support/second-connection.ts).
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The booking's answer, or a failure naming what it waited for. Far longer than a booking takes:
 * a booking that waits for the other transaction never answers while that transaction is open.
 */
function answeredWithin(ms: number, booking: Promise<Response>): Promise<Response> {
  return Promise.race([
    booking,
    pause(ms).then(() => {
      throw new Error(`no answer within ${ms} ms: the booking waited for the other transaction's lock`);
    }),
  ]);
}

describe('booking a slot that another transaction holds', () => {
  const app = appWithSecondConnection();

  it('answers 409 at once for a booked slot, without waiting for whoever holds its row', async () => {
    const [host, winner, late] = await signUpMany(app.server, 3);
    const slot = await offerSlot(app.server, host);
    await bookSlot(app.server, winner, slot.id);
    // Another transaction holds the slot's row, as a concurrent booker or the host withdrawing would.
    await app.other.query('BEGIN');
    try {
      await app.other.query('SELECT id FROM slots WHERE id = $1 FOR UPDATE', [slot.id]);
      const response = await answeredWithin(
        10_000,
        asUser(app.server, late)
          .post(`/api/slots/${slot.id}/book`)
          .then((answer) => answer),
      );
      expect(response.status).toBe(409);
      expect(response.body.message).toBe('Someone else booked this slot just before you');
    } finally {
      await app.other.query('ROLLBACK');
    }
  });

  it('waits for a booking in flight and books the slot itself when that booking is rolled back', async () => {
    const [host, booker] = await signUpMany(app.server, 2);
    const slot = await offerSlot(app.server, host);
    await app.other.query('BEGIN');
    let rolledBack = false;
    try {
      // Another booker's transaction has marked the slot booked but not committed.
      await app.other.query(`UPDATE slots SET status = 'booked' WHERE id = $1`, [slot.id]);
      // `then` sends the request now: supertest sends nothing until it is awaited.
      const booking = asUser(app.server, booker)
        .post(`/api/slots/${slot.id}/book`)
        .then((answer) => answer);
      await pause(500);
      await app.other.query('ROLLBACK');
      rolledBack = true;
      const response = await booking;
      expect(response.status).toBe(201);
      expect(response.body.participants.map((participant: { id: string }) => participant.id).sort()).toEqual(
        [host.user.id, booker.user.id].sort(),
      );
    } finally {
      if (!rolledBack) await app.other.query('ROLLBACK');
    }
  });
});
