import { useCallback, useEffect, useRef, useState } from 'react';
import {
  HintRevealSchema,
  ROOM_EVENTS,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type JoinAck,
} from '@mockboard/contracts';
import { CollabError, revealKey, withReveals, type CollabClient } from '@mockboard/collab';

export interface RoomHints {
  /** This round's revealed hints, in the order they were revealed. */
  reveals: HintReveal[];
  /** Keys (revealKey) of reveals sent and not answered yet: their buttons wait. */
  revealing: ReadonlySet<string>;
  /** Why the last reveal failed, in words for the interviewer. */
  problem: string | null;
  /**
   * Phases ("round:phase") whose next stage the server says does not exist: how a solo
   * practitioner, who never sees the guide, learns they had the last hint.
   */
  exhausted: ReadonlySet<string>;
  /** The newest hint that arrived from the room, for the polite live region (empty before any). */
  announcement: HintReveal | null;
  reveal: (phase: InterviewPhase, stage: HintStage) => void;
  dismissProblem: () => void;
}

/**
 * The round's revealed hints over the room's socket: from the join's answer, every broadcast and
 * the revealer's acks, and again from each re-join's answer (what was revealed while offline).
 * A click on a button already waiting for its answer sends nothing: one reveal per stage.
 */
export function useRoomHints(client: CollabClient, ack: JoinAck): RoomHints {
  const { round } = ack;
  const sessionId = ack.state.sessionId;
  const [joinedWith, setJoinedWith] = useState(ack);
  const [reveals, setReveals] = useState<HintReveal[]>(() => revealedIn(ack));
  const [revealing, setRevealing] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [exhausted, setExhausted] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState<HintReveal | null>(null);
  // A swap of roles joins again, with another answer and round: start over from it (while rendering,
  // React's pattern for state that follows a prop, so the last round's cards never show).
  if (joinedWith !== ack) {
    setJoinedWith(ack);
    setReveals(revealedIn(ack));
    setAnnouncement(null);
  }
  // The socket handlers read the latest reveals without resubscribing.
  const revealsRef = useRef(reveals);
  const inFlight = useRef(new Set<string>());
  useEffect(() => {
    revealsRef.current = reveals;
  });

  const receive = useCallback(
    (incoming: readonly HintReveal[], announce: boolean) => {
      const known = new Set(revealsRef.current.map(revealKey));
      const fresh = incoming.filter(
        (hint) => hint.sessionId === sessionId && hint.round === round && !known.has(revealKey(hint)),
      );
      if (fresh.length === 0) return;
      setReveals((previous) => (revealsRef.current = withReveals(previous, fresh)));
      if (announce) setAnnouncement(fresh.at(-1)!);
    },
    [sessionId, round],
  );

  useEffect(() => {
    const socket = client.socket;
    const onRevealed = (payload: unknown) => {
      const parsed = HintRevealSchema.safeParse(payload);
      if (parsed.success) receive([parsed.data], true);
    };
    socket.on(ROOM_EVENTS.hintRevealed, onRevealed);
    const stopListening = client.onJoined((rejoin) => receive(rejoin.hints, true));
    return () => {
      socket.off(ROOM_EVENTS.hintRevealed, onRevealed);
      stopListening();
    };
  }, [client, receive]);

  const reveal = useCallback(
    (phase: InterviewPhase, stage: HintStage) => {
      const key = revealKey({ round, phase, stage });
      // A double click, or a click while the first is on its way: the first one's answer counts.
      if (inFlight.current.has(key) || revealsRef.current.some((hint) => revealKey(hint) === key)) return;
      inFlight.current.add(key);
      setRevealing(new Set(inFlight.current));
      setProblem(null);
      client
        .revealHint(round, phase, stage)
        .then(
          (stored) => receive([stored], false),
          (error: unknown) => {
            if (error instanceof CollabError && error.code === 'bad_request')
              setExhausted((previous) => new Set(previous).add(`${round}:${phase}`));
            else
              setProblem(
                error instanceof Error ? error.message : 'The hint could not be revealed; please retry',
              );
          },
        )
        .finally(() => {
          inFlight.current.delete(key);
          setRevealing(new Set(inFlight.current));
        });
    },
    [client, round, receive],
  );

  return {
    reveals,
    revealing,
    problem,
    exhausted,
    announcement,
    reveal,
    dismissProblem: useCallback(() => setProblem(null), []),
  };
}

/** The join's reveals of the round it was made for. */
const revealedIn = (ack: JoinAck): HintReveal[] => ack.hints.filter((hint) => hint.round === ack.round);
