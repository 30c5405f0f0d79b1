import ICAL from 'ical.js';
import type { Participant, Session } from '@mockboard/contracts';
import {
  escapeText,
  foldLine,
  formatUtcDateTime,
  sessionCalendarEvent,
  writeICalendar,
  type CalendarDocument,
  type CalendarEvent,
} from './icalendar';

const ALICE = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
const SESSION_ID = '11111111-1111-4111-8111-111111111111';

function anEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: `${SESSION_ID}@mockboard`,
    start: new Date('2026-11-26T11:00:00Z'),
    end: new Date('2026-11-26T12:30:00Z'),
    summary: 'Mock system-design interview with Bob',
    status: 'CONFIRMED',
    sequence: 0,
    ...overrides,
  };
}

function aCalendar(overrides: Partial<CalendarDocument> = {}): CalendarDocument {
  return {
    name: 'Mockboard',
    generatedAt: new Date('2026-11-25T09:30:15.250Z'),
    events: [anEvent()],
    ...overrides,
  };
}

function aParticipant(id: string, displayName: string): Participant {
  return {
    id,
    displayName,
    targetLevel: 'senior',
    reliability: { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 },
    joinedAt: null,
    noShow: false,
    email: null,
    sharesContact: false,
  };
}

function aSession(overrides: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    kind: 'peer',
    format: 'swap',
    status: 'scheduled',
    startsAt: '2026-11-26T11:00:00.000Z',
    endsAt: '2026-11-26T12:30:00.000Z',
    durationMinutes: 90,
    participants: [aParticipant(ALICE, 'Alice'), aParticipant(BOB, 'Bob')],
    rounds: [
      {
        number: 1,
        interviewerId: ALICE,
        candidateId: BOB,
        promptId: 'url-shortener',
        promptTitle: 'Design a URL shortener',
      },
      { number: 2, interviewerId: BOB, candidateId: ALICE, promptId: null, promptTitle: null },
    ],
    cancellation: null,
    pendingReschedule: null,
    roomUrl: `/sessions/${SESSION_ID}/room`,
    createdAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  };
}

const ROOM = `https://mockboard.example/sessions/${SESSION_ID}/room`;

/** Unfolds (RFC 5545 §3.1) and splits into logical content lines. */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function parseFirstEvent(ics: string): ICAL.Event {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

describe('formatUtcDateTime', () => {
  it('writes an instant as a UTC DATE-TIME, dropping milliseconds', () => {
    expect(formatUtcDateTime(new Date('2026-11-26T11:00:00Z'))).toBe('20261126T110000Z');
    expect(formatUtcDateTime(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z');
  });

  it('writes an instant given with an offset as the same instant in UTC', () => {
    expect(formatUtcDateTime(new Date('2026-11-26T16:30:00+05:30'))).toBe('20261126T110000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => formatUtcDateTime(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma with a backslash', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
  });

  it('writes every kind of line break as \\n', () => {
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('escapes a backslash before an n only once, so it reads back as a backslash and an n', () => {
    expect(escapeText('C:\\new')).toBe('C:\\\\new');
  });

  it('leaves colons, quotes, tabs and non-ASCII text alone', () => {
    expect(escapeText('Room: "A"\tcafé 東京 🚀')).toBe('Room: "A"\tcafé 東京 🚀');
  });

  it('drops control characters that TEXT does not allow', () => {
    expect(escapeText('be\u0000ll\u0007 \u001bdel\u007f')).toBe('bell del');
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets on one line', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds a 76-octet line after 75 octets, continuing with a space', () => {
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('counts the leading space of a continuation line towards its 75 octets', () => {
    const physical = foldLine('X'.repeat(75 + 74 + 1)).split('\r\n');
    expect(physical.map((line) => line.length)).toEqual([75, 75, 2]);
  });

  it('moves a two-octet character to the next line rather than splitting it', () => {
    const physical = foldLine(`${'X'.repeat(74)}é`).split('\r\n');
    expect(physical).toEqual(['X'.repeat(74), ' é']);
  });

  it('never splits a three- or four-octet character, and every physical line is at most 75 octets', () => {
    for (const character of ['é', '東', '🚀']) {
      for (let prefix = 0; prefix < 8; prefix++) {
        const line = `SUMMARY:${'x'.repeat(prefix)}${character.repeat(60)}`;
        const physical = foldLine(line).split('\r\n');
        for (const part of physical) {
          expect(octets(part)).toBeLessThanOrEqual(75);
          // A split character would show up as U+FFFD after a UTF-8 round trip.
          expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
          expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        }
        expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
        expect(physical.join('\r\n').replace(/\r\n /g, '')).toBe(line);
      }
    }
  });

  it('leaves an empty line empty', () => {
    expect(foldLine('')).toBe('');
  });
});

describe('writeICalendar', () => {
  it('writes the calendar header, one event and the footer, in order', () => {
    const lines = contentLines(writeICalendar(aCalendar()));
    expect(lines).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//Mockboard//Mockboard//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Mockboard',
      'BEGIN:VEVENT',
      `UID:${SESSION_ID}@mockboard`,
      'DTSTAMP:20261125T093015Z',
      'DTSTART:20261126T110000Z',
      'DTEND:20261126T123000Z',
      'SEQUENCE:0',
      'STATUS:CONFIRMED',
      'SUMMARY:Mock system-design interview with Bob',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('ends every line, including the last, with CRLF and never a bare LF or CR', () => {
    const ics = writeICalendar(aCalendar({ events: [anEvent({ description: 'a\nb\rc' })] }));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r(?!\n)/);
  });

  it('folds every physical line to at most 75 octets', () => {
    const description = `Round 1: Ünïcödé interviews 東京の友達 🚀. ${'Prompt: Design a global rate limiter, '.repeat(10)}`;
    const ics = writeICalendar(aCalendar({ events: [anEvent({ description })] }));
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(contentLines(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });

  it('writes DESCRIPTION, URL and CREATED when given, escaping the text but not the URL', () => {
    const lines = contentLines(
      writeICalendar(
        aCalendar({
          events: [
            anEvent({
              description: 'Format: swap; two rounds, 45 minutes\nRoom: https://x.example/r?a=1,2',
              url: 'https://x.example/sessions/1/room?a=1,2;b',
              created: new Date('2026-11-20T08:00:00Z'),
            }),
          ],
        }),
      ),
    );
    expect(lines).toContain(
      'DESCRIPTION:Format: swap\\; two rounds\\, 45 minutes\\nRoom: https://x.example/r?a=1\\,2',
    );
    expect(lines).toContain('URL:https://x.example/sessions/1/room?a=1,2;b');
    expect(lines).toContain('CREATED:20261120T080000Z');
  });

  it('strips line breaks from a URL so it cannot inject properties', () => {
    const ics = writeICalendar(
      aCalendar({ events: [anEvent({ url: 'https://x.example/\r\nSTATUS:CANCELLED' })] }),
    );
    expect(contentLines(ics)).toContain('URL:https://x.example/STATUS:CANCELLED');
    expect(contentLines(ics).filter((line) => line.startsWith('STATUS:'))).toEqual(['STATUS:CONFIRMED']);
  });

  it('escapes the calendar name', () => {
    expect(contentLines(writeICalendar(aCalendar({ name: 'Mockboard, Ada; Lovelace' })))).toContain(
      'X-WR-CALNAME:Mockboard\\, Ada\\; Lovelace',
    );
  });

  it('writes a cancelled event with its status and sequence', () => {
    const lines = contentLines(
      writeICalendar(aCalendar({ events: [anEvent({ status: 'CANCELLED', sequence: 2 })] })),
    );
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
  });

  it('writes one VEVENT per event, each stamped with the generation time', () => {
    const ics = writeICalendar(
      aCalendar({ events: [anEvent({ uid: 'one@mockboard' }), anEvent({ uid: 'two@mockboard' })] }),
    );
    const lines = contentLines(ics);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((line) => line === 'DTSTAMP:20261125T093015Z')).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('UID:'))).toEqual([
      'UID:one@mockboard',
      'UID:two@mockboard',
    ]);
  });

  it('writes an empty calendar when there are no events', () => {
    const lines = contentLines(writeICalendar(aCalendar({ events: [] })));
    expect(lines).not.toContain('BEGIN:VEVENT');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
  });

  it('tells subscribers how often to refresh when asked', () => {
    const lines = contentLines(writeICalendar(aCalendar({ refreshMinutes: 60 })));
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT60M');
    expect(lines).toContain('X-PUBLISHED-TTL:PT60M');
    expect(() => writeICalendar(aCalendar({ refreshMinutes: 0 }))).toThrow(RangeError);
  });

  it('refuses an event that does not end after it starts, or a negative or fractional sequence', () => {
    const start = new Date('2026-11-26T11:00:00Z');
    expect(() => writeICalendar(aCalendar({ events: [anEvent({ start, end: start })] }))).toThrow(
      /must end after it starts/,
    );
    expect(() => writeICalendar(aCalendar({ events: [anEvent({ sequence: -1 })] }))).toThrow(RangeError);
    expect(() => writeICalendar(aCalendar({ events: [anEvent({ sequence: 1.5 })] }))).toThrow(RangeError);
  });

  it('reads back exactly with a real iCalendar parser (ical.js), folding and escaping included', () => {
    const summary = 'Interview with Zoë, Ana; and \\ the 東京 team 🚀 '.repeat(4);
    const description = 'Line one; with, punctuation\nLine two: C:\\new\n'.repeat(5);
    const ics = writeICalendar(
      aCalendar({
        name: 'Mockboard, test',
        events: [anEvent({ summary, description, url: ROOM, status: 'CANCELLED', sequence: 3 })],
      }),
    );
    const calendar = new ICAL.Component(ICAL.parse(ics));
    // ical.js reads X- properties raw; X-WR-CALNAME is TEXT by convention (Apple, Google), escaped as such.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Mockboard\\, test');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = parseFirstEvent(ics);
    expect(event.uid).toBe(`${SESSION_ID}@mockboard`);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.sequence).toBe(3);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.component.getFirstPropertyValue('url')).toBe(ROOM);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-26T12:30:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
  });
});

describe('writeICalendar invitations (iTIP)', () => {
  const organizer = { email: 'no-reply@mockboard.example', name: 'Mockboard' };
  const attendees = [
    { email: 'alice@example.test', name: 'Alice "Al" Smith' },
    { uri: 'urn:uuid:00000000-0000-4000-8000-00000000000b', name: 'Bob' },
  ];

  it('writes the method it is given, PUBLISH by default', () => {
    expect(contentLines(writeICalendar(aCalendar()))).toContain('METHOD:PUBLISH');
    expect(contentLines(writeICalendar(aCalendar({ method: 'REQUEST' })))).toContain('METHOD:REQUEST');
    expect(contentLines(writeICalendar(aCalendar({ method: 'CANCEL' })))).toContain('METHOD:CANCEL');
  });

  it('writes ORGANIZER and one ATTENDEE per person with RSVP=FALSE, by mailto: or another URI, dropping quotes from names', () => {
    const ics = writeICalendar(aCalendar({ method: 'REQUEST', events: [anEvent({ organizer, attendees })] }));
    const lines = contentLines(ics);
    expect(lines).toContain('ORGANIZER;CN="Mockboard":mailto:no-reply@mockboard.example');
    expect(lines).toContain(
      'ATTENDEE;CN="Alice Al Smith";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:alice@example.test',
    );
    expect(lines).toContain(
      'ATTENDEE;CN="Bob";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:urn:uuid:00000000-0000-4000-8000-00000000000b',
    );
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('reads back with ical.js: organizer, attendees and their names', () => {
    const ics = writeICalendar(aCalendar({ method: 'CANCEL', events: [anEvent({ organizer, attendees })] }));
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = parseFirstEvent(ics);
    expect(event.organizer).toBe('mailto:no-reply@mockboard.example');
    const parsed = event.attendees.map((attendee) => ({
      address: attendee.getFirstValue() as string,
      name: attendee.getParameter('cn'),
      rsvp: attendee.getParameter('rsvp'),
    }));
    expect(parsed).toEqual([
      { address: 'mailto:alice@example.test', name: 'Alice Al Smith', rsvp: 'FALSE' },
      { address: 'urn:uuid:00000000-0000-4000-8000-00000000000b', name: 'Bob', rsvp: 'FALSE' },
    ]);
  });

  it("passes an invitation's organizer and attendees through sessionCalendarEvent", () => {
    const event = sessionCalendarEvent(aSession(), {
      viewerId: ALICE,
      roomUrl: ROOM,
      timesMoved: 2,
      organizer,
      attendees,
    });
    expect(event).toMatchObject({ organizer, attendees, sequence: 2, uid: `${SESSION_ID}@mockboard` });
  });
});

describe('sessionCalendarEvent', () => {
  const options = { viewerId: ALICE, roomUrl: ROOM, timesMoved: 0 };

  it('uses a UID derived from the session id, so every download updates the same event', () => {
    expect(sessionCalendarEvent(aSession(), options).uid).toBe(`${SESSION_ID}@mockboard`);
  });

  it('names the partner, not the viewer, in the title', () => {
    expect(sessionCalendarEvent(aSession(), options).summary).toBe('Mock system-design interview with Bob');
    expect(sessionCalendarEvent(aSession(), { ...options, viewerId: BOB }).summary).toBe(
      'Mock system-design interview with Alice',
    );
  });

  it('names both participants for an admin who takes no part', () => {
    expect(sessionCalendarEvent(aSession(), { ...options, viewerId: 'someone-else' }).summary).toBe(
      'Mock system-design interview with Alice and Bob',
    );
  });

  it('takes the start and end instants of the session', () => {
    const event = sessionCalendarEvent(aSession(), options);
    expect(event.start.toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(event.end.toISOString()).toBe('2026-11-26T12:30:00.000Z');
    expect(event.created?.toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('describes the format, each round from the viewer’s side with its prompt, and the room link', () => {
    const event = sessionCalendarEvent(aSession(), options);
    expect(event.description).toBe(
      [
        'Format: swap, two rounds of 45 minutes; each of you interviews once.',
        'Round 1: You interview Bob. Prompt: Design a URL shortener',
        'Round 2: Bob interviews you. Prompt: prompt not chosen yet',
        `Room: ${ROOM}`,
      ].join('\n'),
    );
    expect(event.url).toBe(ROOM);
  });

  it('describes a single-round session', () => {
    const session = aSession({
      format: 'single',
      durationMinutes: 60,
      endsAt: '2026-11-26T12:00:00.000Z',
      rounds: [aSession().rounds[0]!],
    });
    expect(sessionCalendarEvent(session, { ...options, viewerId: BOB }).description).toBe(
      [
        'Format: single, one round of 60 minutes.',
        'Round 1: Alice interviews you. Prompt: Design a URL shortener',
        `Room: ${ROOM}`,
      ].join('\n'),
    );
  });

  it('is confirmed while scheduled, live or over, with one revision per move', () => {
    for (const status of ['scheduled', 'live', 'scoring', 'completed'] as const) {
      expect(sessionCalendarEvent(aSession({ status }), options)).toMatchObject({
        status: 'CONFIRMED',
        sequence: 0,
      });
      expect(sessionCalendarEvent(aSession({ status }), { ...options, timesMoved: 2 }).sequence).toBe(2);
    }
  });

  it('marks a cancelled session CANCELLED, says so in the title and gives who cancelled and why', () => {
    const session = aSession({
      status: 'cancelled',
      cancellation: {
        cancelledBy: BOB,
        reason: 'Sick, sorry; next week?',
        late: false,
        cancelledAt: '2026-11-25T10:00:00.000Z',
      },
    });
    const event = sessionCalendarEvent(session, { ...options, timesMoved: 1 });
    expect(event.status).toBe('CANCELLED');
    // The cancellation is a revision of its own, after the one move.
    expect(event.sequence).toBe(2);
    expect(event.summary).toBe('Cancelled: Mock system-design interview with Bob');
    expect(event.description).toContain('Cancelled by Bob: Sick, sorry; next week?');
    const own = sessionCalendarEvent(session, { ...options, viewerId: BOB });
    expect(own.description).toContain('Cancelled by you: Sick, sorry; next week?');
  });

  it('titles a solo session with its prompt', () => {
    const session = aSession({
      kind: 'solo',
      format: 'single',
      durationMinutes: 60,
      endsAt: '2026-11-26T12:00:00.000Z',
      participants: [aParticipant(ALICE, 'Alice')],
      rounds: [
        {
          number: 1,
          interviewerId: ALICE,
          candidateId: ALICE,
          promptId: 'rate-limiter',
          promptTitle: 'Design a rate limiter',
        },
      ],
    });
    const event = sessionCalendarEvent(session, options);
    expect(event.summary).toBe('Solo system-design practice: Design a rate limiter');
    expect(event.description).toBe(
      ['Solo practice: one round of 60 minutes.', 'Prompt: Design a rate limiter', `Room: ${ROOM}`].join(
        '\n',
      ),
    );
  });

  it('survives a round trip through the writer and ical.js with the same UTC instants', () => {
    const ics = writeICalendar({
      name: 'Mockboard',
      generatedAt: new Date('2026-11-25T09:00:00Z'),
      events: [sessionCalendarEvent(aSession(), options)],
    });
    const event = parseFirstEvent(ics);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-26T12:30:00.000Z');
    expect(event.description).toContain(`Room: ${ROOM}`);
  });
});
