import { PRACTICE_NOW_WAIT_MINUTES, type MatchRequest, type SessionFormat } from '@mockboard/contracts';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  useNeedsVerification,
  useRecheckVerification,
  VerificationRequired,
} from '../account/VerificationRequired';
import { toApiRequestError } from '../api/client';
import { cancelMatchRequest, listMatchRequests, requestMatch } from '../api/matching';
import { FormatField } from '../components/FormatField';
import { useNow } from '../hooks/useNow';
import { useNotificationListener } from '../notifications/NotificationsContext';
import { formatClock } from '../time/format';
import { busyButtonProps } from '../components/busy-button';

const POLL_MS = 4000;
const NEEDS_VERIFICATION_ID = 'practise-now-needs-verification';

type State =
  | { kind: 'idle' | 'starting' | 'expired' }
  /** `pressed`: this tab's press started it (not a wait resumed after a reload). */
  | { kind: 'waiting'; request: MatchRequest; pressed?: boolean }
  | { kind: 'failed'; message: string };

/**
 * Pairs the user with whoever else is waiting right now. While waiting it polls the request and
 * also listens for the "matched" notification, whichever comes first opens the session.
 */
export function PractiseNow() {
  const navigate = useNavigate();
  const needsVerification = useNeedsVerification();
  const recheckVerification = useRecheckVerification();
  const [format, setFormat] = useState<SessionFormat>('swap');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const waitingId = state.kind === 'waiting' ? state.request.id : null;
  // Cancel hands the keyboard back to Practise now (Cancel itself is gone by then).
  const startButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (state.kind !== 'idle' || !cancelled.current) return;
    cancelled.current = false;
    startButton.current?.focus();
  }, [state.kind]);

  // A wait started before a reload carries on.
  useEffect(() => {
    const controller = new AbortController();
    listMatchRequests(controller.signal).then(
      (requests) => {
        const request = requests.find((r) => r.practiceNow && r.status === 'pending');
        if (request)
          setState((current) => (current.kind === 'idle' ? { kind: 'waiting', request } : current));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!waitingId) return;
    const timer = window.setInterval(() => {
      listMatchRequests().then(
        (requests) => {
          const request = requests.find((r) => r.id === waitingId);
          if (request?.status === 'matched' && request.sessionId) navigate(`/sessions/${request.sessionId}`);
          else if (request?.status === 'expired') setState({ kind: 'expired' });
          else if (request?.status === 'cancelled') setState({ kind: 'idle' });
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [waitingId, navigate]);

  useNotificationListener((notification) => {
    if (waitingId && notification.type === 'matched' && notification.sessionId) {
      navigate(`/sessions/${notification.sessionId}`);
    }
  });

  async function start() {
    setState({ kind: 'starting' });
    try {
      const request = await requestMatch({ startsAt: 'now', format });
      if (request.status === 'matched' && request.sessionId) navigate(`/sessions/${request.sessionId}`);
      else setState({ kind: 'waiting', request, pressed: true });
    } catch (error) {
      const apiError = toApiRequestError(error);
      recheckVerification(apiError);
      setState({ kind: 'failed', message: apiError.message });
    }
  }

  async function stop(request: MatchRequest, next: State) {
    setState(next);
    try {
      await cancelMatchRequest(request.id);
    } catch {
      // Already matched or expired on the server: the next poll (or the notification) says which.
    }
  }

  if (state.kind === 'waiting') {
    return (
      <Waiting
        request={state.request}
        takeFocus={state.pressed === true}
        onCancel={() => {
          cancelled.current = true;
          void stop(state.request, { kind: 'idle' });
        }}
        onTimeout={() => stop(state.request, { kind: 'expired' })}
      />
    );
  }

  return (
    <div className="practise-now">
      <p className="muted">
        We pair you with someone else who is ready now. If nobody turns up within {PRACTICE_NOW_WAIT_MINUTES}{' '}
        minutes, the request lapses.
      </p>
      <FormatField name="now-format" value={format} onChange={setFormat} />
      {state.kind === 'expired' && (
        <p className="notice" role="status">
          Nobody was free in the last {PRACTICE_NOW_WAIT_MINUTES} minutes. Try again, book an open slot, or
          practise solo.
        </p>
      )}
      {state.kind === 'failed' && (
        <div className="form-alert" role="alert">
          {state.message}
        </div>
      )}
      <VerificationRequired id={NEEDS_VERIFICATION_ID} action="practise with a partner now" />
      <button
        ref={startButton}
        type="button"
        className="button"
        onClick={start}
        disabled={needsVerification}
        aria-describedby={needsVerification ? NEEDS_VERIFICATION_ID : undefined}
        {...busyButtonProps(state.kind === 'starting')}
      >
        {state.kind === 'starting' && <span className="spinner spinner--small" aria-hidden="true" />}
        Practise now
      </button>
    </div>
  );
}

function Waiting({
  request,
  takeFocus,
  onCancel,
  onTimeout,
}: {
  request: MatchRequest;
  /** The person's press started this wait: the keyboard goes on from Cancel (the button is gone). */
  takeFocus: boolean;
  onCancel: () => void;
  onTimeout: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  const focusedOnce = useRef(false);
  useEffect(() => {
    // Once, as the wait shows: later renders leave the focus where the person put it.
    if (!takeFocus || focusedOnce.current) return;
    focusedOnce.current = true;
    cancel.current?.focus();
  }, [takeFocus]);
  const now = useNow(1000);
  const expiresAt = request.expiresAt
    ? new Date(request.expiresAt)
    : new Date(new Date(request.createdAt).getTime() + PRACTICE_NOW_WAIT_MINUTES * 60_000);
  const remaining = expiresAt.getTime() - now.getTime();
  const timedOut = remaining <= 0;

  useEffect(() => {
    if (timedOut) onTimeout();
  }, [timedOut, onTimeout]);

  return (
    <div className="waiting">
      <span className="spinner" aria-hidden="true" />
      <div className="waiting__text" role="status">
        <p className="waiting__title">Looking for a partner…</p>
        <p className="muted">
          {/* Announce the minute, not every second. */}
          <span aria-hidden="true" className="countdown">
            {formatClock(remaining)}
          </span>
          <span className="visually-hidden">About {Math.ceil(remaining / 60_000)} minutes</span> left. Keep
          this page open; the session opens as soon as someone joins.
        </p>
      </div>
      <button ref={cancel} type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
