import {
  CALL_EVENTS,
  CallJoinAckSchema,
  ErrorAckSchema,
  type CallJoinAck,
  type SocketErrorCode,
} from '@mockboard/contracts';
import type { CallTransport } from './call-transport';

const RETRY_MS = 1_000;
/** Refusals that pass: a busy server, a fault on its side, or its database out of reach for a while. */
const TEMPORARY: ReadonlySet<SocketErrorCode> = new Set(['rate_limited', 'internal', 'unavailable']);
const SIGNAL_ATTEMPTS = 3;
/** Fresh TURN credentials this long before the old ones expire (or a fifth of their life, if shorter). */
const RENEW_AHEAD_MS = 5 * 60_000;

/** What the signaling asks of the call it serves. */
export interface SignalingOwner {
  /** This tab takes part now: a join's answer that comes after it stopped is dropped. */
  isActive(): boolean;
  /** Joins again, reading the call's state afresh (after a session re-join, a retry, a renewal). */
  rejoin(): void;
  /** Whether the call is joined on the current connection changed. */
  changed(): void;
}

/** What one call:join hears back. */
export interface JoinOutcome {
  answered(ack: CallJoinAck): void;
  /** Not ours to join (the session ended, or not a participant): the server's reason. */
  refused(message: string): void;
}

/** The server events the call listens to, by event name. */
export type RelayedEvents = Record<string, (payload: unknown) => void>;

/**
 * The call's side of the room's socket: which connection it rides, whether call:join was answered
 * on it, the join's retries and the TURN credentials' renewal, and sending signals. call:* is only
 * sent once the room's session join holds (the server refuses it before), and only the call's own
 * join before call:join is answered.
 */
export class CallSignaling {
  private transport: CallTransport | null = null;
  private joinedHere = false;
  private joinAttempt = 0;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sessionId: string,
    private readonly owner: SignalingOwner,
  ) {}

  /** Our call:join was answered on the current connection: signals reach the peers. */
  get inCall(): boolean {
    return this.joinedHere;
  }

  /**
   * Rides `transport` from now on (the room made a new connection, e.g. for a new round). Its
   * session joins trigger ours; returns the detach for when that connection is replaced or closed.
   */
  attach(transport: CallTransport, relayed: RelayedEvents): () => void {
    this.transport = transport;
    this.joinedHere = false;
    const offs = [
      ...Object.entries(relayed).map(([event, listener]) => transport.on(event, listener)),
      transport.onJoined(() => this.owner.rejoin()),
      transport.onDisconnected(() => this.lost(transport)),
    ];
    this.owner.rejoin();
    return () => {
      for (const off of offs) off();
      this.lost(transport);
      if (this.transport === transport) this.transport = null;
    };
  }

  /** call:join on the current connection once its session join holds; retried while the server is busy. */
  join(payload: object, outcome: JoinOutcome): void {
    const transport = this.transport;
    if (!this.owner.isActive() || !transport?.joined) return;
    const attempt = ++this.joinAttempt;
    const current = () =>
      attempt === this.joinAttempt && this.transport === transport && this.owner.isActive();
    const retry = () => void setTimeout(() => current() && transport.joined && this.owner.rejoin(), RETRY_MS);
    transport.request(CALL_EVENTS.join, payload).then(
      (raw) => {
        if (!current()) return;
        const ack = CallJoinAckSchema.safeParse(raw);
        if (ack.success) return this.answered(ack.data, outcome);
        const refusal = ErrorAckSchema.safeParse(raw);
        const code = refusal.success ? refusal.data.error.code : 'internal';
        if (TEMPORARY.has(code)) return retry();
        outcome.refused(refusal.success ? refusal.data.error.message : 'The call could not start');
      },
      // No answer in time: the next session join tries again, or this one if still connected.
      () => current() && retry(),
    );
  }

  /**
   * Relays one signal when the call is joined on the current connection; a rate-limited one is
   * tried again. Lost signals are not queued: the next re-join repairs every link that is down.
   */
  signal(event: string, payload: object, attempt = 1): void {
    const transport = this.transport;
    if (!transport || !this.joinedHere) return;
    transport.request(event, payload).then(
      (raw) => {
        const refusal = ErrorAckSchema.safeParse(raw);
        if (refusal.success && refusal.data.error.code === 'rate_limited' && attempt < SIGNAL_ATTEMPTS)
          setTimeout(() => this.signal(event, payload, attempt + 1), 250 * attempt);
      },
      () => undefined,
    );
  }

  /** Tells the peers now that this tab left (the page is going away, or another tab took the call). */
  leave(): void {
    if (this.joinedHere) this.transport?.send(CALL_EVENTS.leave, { sessionId: this.sessionId });
  }

  /** Out of the call on this side: no signals, no renewal, until the next join is answered. */
  hangUp(): void {
    this.joinedHere = false;
    clearTimeout(this.renewTimer);
  }

  private answered(ack: CallJoinAck, outcome: JoinOutcome): void {
    this.joinedHere = true;
    this.renewBefore(ack.credentialsExpireAt);
    outcome.answered(ack);
  }

  /** TURN credentials are short-lived: join again for fresh ones before they expire. */
  private renewBefore(expiresAt: string | null): void {
    clearTimeout(this.renewTimer);
    if (!expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    const delay = Math.max(10_000, left - Math.min(RENEW_AHEAD_MS, left / 5));
    this.renewTimer = setTimeout(() => this.owner.rejoin(), delay);
  }

  private lost(transport: CallTransport): void {
    if (this.transport !== transport || !this.joinedHere) return;
    this.joinedHere = false;
    this.owner.changed();
  }
}
