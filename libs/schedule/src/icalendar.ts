import type { Session } from '@mockboard/contracts';

/**
 * A small iCalendar (RFC 5545) writer for what Mockboard publishes: one VCALENDAR of plain VEVENTs
 * with times in UTC, so no VTIMEZONE is ever needed and every reader computes the same instant.
 */

export const ICALENDAR_PRODID = '-//Mockboard//Mockboard//EN';

/** RFC 5545 §3.1: a content line is at most 75 octets, not counting the CRLF that ends it. */
const MAX_LINE_OCTETS = 75;
const CRLF = '\r\n';

export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

/**
 * PUBLISH for downloads and feeds; REQUEST and CANCEL (RFC 5546 iTIP) for invitations sent by
 * mail, which Gmail, Outlook and Apple Calendar offer to add, update or remove in one click.
 */
export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/**
 * A person on an invitation (ORGANIZER or ATTENDEE) and their display name: an email address
 * (written as mailto:), or another calendar address URI (e.g. urn:uuid:…) when the address
 * itself must not be shown.
 */
export type CalendarAddress = { name?: string } & ({ email: string } | { uri: string });

export interface CalendarEvent {
  /** Globally unique and stable: calendar apps match updates and cancellations by it. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  url?: string;
  status: EventStatus;
  /** Revision number; raise it whenever the time or status changes (RFC 5546 §2.1.4). */
  sequence: number;
  created?: Date;
  /** Required with METHOD:REQUEST and CANCEL (RFC 5546 §3.2.2, §3.2.5). */
  organizer?: CalendarAddress;
  /** Listed with RSVP=FALSE: the booking already happened, there is nothing to accept. */
  attendees?: readonly CalendarAddress[];
}

export interface CalendarDocument {
  /** Shown by most apps as the calendar's name (X-WR-CALNAME). */
  name: string;
  /** When this document was generated: every event's DTSTAMP (RFC 5545 §3.8.7.2, with METHOD). */
  generatedAt: Date;
  events: readonly CalendarEvent[];
  /** For subscribed feeds: how often apps should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshMinutes?: number;
  /** Default PUBLISH. */
  method?: CalendarMethod;
}

/** The whole document: CRLF line endings, long lines folded, ending with a CRLF. */
export function writeICalendar(calendar: CalendarDocument): string {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICALENDAR_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method ?? 'PUBLISH'}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.refreshMinutes === undefined ? [] : refreshLines(calendar.refreshMinutes)),
    ...calendar.events.flatMap((event) => eventLines(event, calendar.generatedAt)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, stamp: Date): string[] {
  if (!(event.end.getTime() > event.start.getTime())) {
    throw new RangeError(`Event ${event.uid} must end after it starts`);
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`Event ${event.uid} needs a sequence that is a whole number ≥ 0`);
  }
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtcDateTime(stamp)}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    ...(event.created ? [`CREATED:${formatUtcDateTime(event.created)}`] : []),
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description === undefined ? [] : [`DESCRIPTION:${escapeText(event.description)}`]),
    ...(event.url === undefined ? [] : [`URL:${uriValue(event.url)}`]),
    ...(event.organizer
      ? [`ORGANIZER${nameParameter(event.organizer)}:${calendarAddress(event.organizer)}`]
      : []),
    ...(event.attendees ?? []).map(
      (attendee) =>
        `ATTENDEE${nameParameter(attendee)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${calendarAddress(attendee)}`,
    ),
    'END:VEVENT',
  ];
}

/**
 * `;CN="…"` (RFC 5545 §3.2.2): a quoted parameter value cannot hold a double quote or a control
 * character, and has no escape for them, so they are dropped (a display name is the user's to choose).
 */
function nameParameter(address: CalendarAddress): string {
  if (!address.name) return '';
  return `;CN="${withoutControlCharacters(address.name, []).replace(/"/g, '')}"`;
}

function calendarAddress(address: CalendarAddress): string {
  return uriValue('email' in address ? `mailto:${address.email}` : address.uri);
}

/** RFC 5545 §3.3.5 form #2, UTC: 2026-11-26T11:00:00.000Z → 20261126T110000Z (seconds precision). */
export function formatUtcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped with a backslash,
 * any line break becomes `\n`, and control characters other than tab (not allowed in TEXT) are dropped.
 */
export function escapeText(value: string): string {
  return withoutControlCharacters(value.replace(/\r\n|\r/g, '\n'), ['\t', '\n'])
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\n/g, '\\n');
}

/** A URI value is not escaped, but must not carry a line break or other control character. */
function uriValue(value: string): string {
  return withoutControlCharacters(value, []);
}

function withoutControlCharacters(value: string, allowed: readonly string[]): string {
  let kept = '';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    const control = code < 0x20 || code === 0x7f;
    if (!control || allowed.includes(character)) kept += character;
  }
  return kept;
}

/**
 * Folds one content line (RFC 5545 §3.1): at most 75 octets of UTF-8 per physical line, each
 * continuation starting with a space (which counts towards its 75). Breaks fall between code
 * points, so a multi-byte character is never split across lines.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0)!);
    if (octets + size > limit) {
      physical.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += character;
    octets += size;
  }
  physical.push(current);
  return physical.join(`${CRLF} `);
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // Lone surrogates are written as U+FFFD (3 octets) by any UTF-8 encoder.
  if (codePoint < 0x10000) return 3;
  return 4;
}

function refreshLines(minutes: number): string[] {
  if (!Number.isInteger(minutes) || minutes < 1)
    throw new RangeError('refreshMinutes must be a whole number ≥ 1');
  return [`REFRESH-INTERVAL;VALUE=DURATION:PT${minutes}M`, `X-PUBLISHED-TTL:PT${minutes}M`];
}

// ---- Mockboard sessions as events ------------------------------------------------------------------

export interface SessionEventOptions {
  /** Whose calendar this is: names the partner in the title and says "you" in the rounds. */
  viewerId: string;
  /** Absolute link to the session's room. */
  roomUrl: string;
  /** How many times the session was moved to a new time (accepted reschedules). */
  timesMoved: number;
  /** For an invitation sent by mail: who sends it, and both participants. */
  organizer?: CalendarAddress;
  attendees?: readonly CalendarAddress[];
}

/** The stable UID of a session's event: the same in every download and every feed. */
export function sessionEventUid(sessionId: string): string {
  return `${sessionId}@mockboard`;
}

/**
 * A session as one event in `viewerId`'s calendar. Cancelled sessions stay, as CANCELLED, so apps
 * that already have the event remove or strike it. SEQUENCE counts the significant revisions (RFC
 * 5546 §2.1.4): one per move, one for the cancellation; it only ever grows.
 */
export function sessionCalendarEvent(session: Session, options: SessionEventOptions): CalendarEvent {
  const cancelled = session.status === 'cancelled';
  return {
    uid: sessionEventUid(session.id),
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    created: new Date(session.createdAt),
    summary: `${cancelled ? 'Cancelled: ' : ''}${sessionTitle(session, options.viewerId)}`,
    description: sessionDescription(session, options),
    url: options.roomUrl,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: options.timesMoved + (cancelled ? 1 : 0),
    ...(options.organizer ? { organizer: options.organizer } : {}),
    ...(options.attendees ? { attendees: options.attendees } : {}),
  };
}

function sessionTitle(session: Session, viewerId: string): string {
  if (session.kind === 'solo') {
    const title = session.rounds[0]?.promptTitle;
    return title ? `Solo system-design practice: ${title}` : 'Solo system-design practice';
  }
  const others = session.participants.filter((participant) => participant.id !== viewerId);
  const names = others.map((participant) => participant.displayName);
  return names.length > 0
    ? `Mock system-design interview with ${names.join(' and ')}`
    : 'Mock system-design interview';
}

function sessionDescription(session: Session, { viewerId, roomUrl }: SessionEventOptions): string {
  const roundMinutes = Math.round(session.durationMinutes / Math.max(session.rounds.length, 1));
  const nameOf = (id: string): string =>
    session.participants.find((participant) => participant.id === id)?.displayName ?? 'Former member';
  const lines: string[] = [];
  if (session.kind === 'solo') {
    lines.push(`Solo practice: one round of ${roundMinutes} minutes.`);
    lines.push(`Prompt: ${session.rounds[0]?.promptTitle ?? 'not chosen yet'}`);
  } else {
    lines.push(
      session.format === 'swap'
        ? `Format: swap, two rounds of ${roundMinutes} minutes; each of you interviews once.`
        : `Format: single, one round of ${roundMinutes} minutes.`,
    );
    for (const round of session.rounds) {
      const interviewer =
        round.interviewerId === viewerId ? 'You interview' : `${nameOf(round.interviewerId)} interviews`;
      const candidate = round.candidateId === viewerId ? 'you' : nameOf(round.candidateId);
      const prompt = round.promptTitle ?? 'prompt not chosen yet';
      lines.push(`Round ${round.number}: ${interviewer} ${candidate}. Prompt: ${prompt}`);
    }
  }
  if (session.cancellation) {
    const { cancelledBy } = session.cancellation;
    // Null: the moderators cancelled it, and the description names no participant for it.
    const by =
      cancelledBy === null
        ? "Mockboard's moderators"
        : cancelledBy === viewerId
          ? 'you'
          : nameOf(cancelledBy);
    lines.push(`Cancelled by ${by}: ${session.cancellation.reason}`);
  }
  lines.push(`Room: ${roomUrl}`);
  return lines.join('\n');
}
