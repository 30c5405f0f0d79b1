import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';
import { RevealSweeper } from '../src/scoring/reveal-sweeper.service';
import { signUp } from './support/factories';
import { aStartIn, bookSlot, offerSlot } from './support/scheduling-factories';
import { aPastSession, aScorecard, endSessionHoursAgo, putScorecard } from './support/scoring-factories';
import { aMoment, mailEnv, mailsTo, waitForMail } from './support/session-mail-support';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, startWithConfig, type TestApp } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

describe('session mails with two app instances on one database (issue 15)', () => {
  let catcher: SmtpCatcher;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    one = await startTestApp({
      ...mailEnv(catcher),
      DATABASE_URL: SUITE_POSTGRES,
    });
    two = await startWithConfig(one.config);
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
    await catcher?.close();
  });

  it('sends one reminder to each participant when both instances sweep at the same moment', async () => {
    const host = await signUp(one.url);
    const guest = await signUp(one.url);
    // Booked well ahead: a reminder whose moment came before the booking is never sent.
    const session = await bookSlot(
      one,
      guest,
      (await offerSlot(one, host, { startsAt: aStartIn(30 * 60) })).id,
    );
    const sweepers = [one, two].map((app) => app.app.get(SchedulingSweeper));
    const oneHourBefore = new Date(new Date(session.startsAt).getTime() - 59 * 60_000);

    await Promise.all([...sweepers, ...sweepers].map((sweeper) => sweeper.sweep(oneHourBefore)));

    await waitForMail(catcher, host, 'Reminder:');
    await waitForMail(catcher, guest, 'Reminder:');
    await aMoment(2_500);
    expect(mailsTo(catcher, host, 'Reminder:')).toHaveLength(1);
    expect(mailsTo(catcher, guest, 'Reminder:')).toHaveLength(1);
    const rows = (await one.dataSource.query(
      `SELECT count(*)::int AS n FROM outgoing_mail WHERE kind = 'reminder' AND data->>'sessionId' = $1`,
      [session.id],
    )) as { n: number }[];
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('reveals due feedback and mails it once when both instances sweep at the same moment', async () => {
    const past = await aPastSession(one, { startedHoursAgo: 2 });
    await putScorecard(one, past.host, past.id, 1, aScorecard());
    await endSessionHoursAgo(one, past.id, 25);
    const sweepers = [one, two].map((app) => app.app.get(RevealSweeper));

    await Promise.all([...sweepers, ...sweepers].map((sweeper) => sweeper.sweep()));

    await waitForMail(catcher, past.guest, 'Feedback ready:');
    await aMoment(2_500);
    expect(mailsTo(catcher, past.guest, 'Feedback ready:')).toHaveLength(1);
  });
});
