import { useCallback, useEffect, useRef, useState } from 'react';
import {
  HintRevealSchema,
  ROOM_EVENTS,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type JoinAck,
} from '@mockboard/contracts';
import { revealKey, withReveals, type CollabClient } from '@mockboard/collab';

export interface RoomHints {
  /** This round's revealed hints, in the order they were revealed. */
  reveals: HintReveal[];
  /** Keys (revealKey) of reveals sent and not answered yet: their buttons wait. */
  revealing: ReadonlySet<string>;
  /** Why the last reveal failed, in words for the interviewer. */
  problem: string | null;
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
  const [reveals, setReveals] = useState<HintReveal[]>(() =>
    ack.hints.filter((hint) => hint.round === round),
  );
  const [revealing, setRevealing] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<HintReveal | null>(null);
  const inFlight = useRef(new Set<string>());
  const known = useRef(new Set(reveals.map(revealKey)));

  const receive = useCallback(
    (incoming: readonly HintReveal[], announce: boolean) => {
      const ours = incoming.filter((hint) => hint.sessionId === sessionId && hint.round === round);
      const fresh = ours.filter((hint) => !known.current.has(revealKey(hint)));
      if (fresh.length === 0) return;
      for (const hint of fresh) known.current.add(revealKey(hint));
      setReveals((previous) => withReveals(previous, fresh));
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
      if (inFlight.current.has(key) || known.current.has(key)) return;
      inFlight.current.add(key);
      setRevealing(new Set(inFlight.current));
      setProblem(null);
      client
        .revealHint(round, phase, stage)
        .then(
          (stored) => receive([stored], false),
          (error: unknown) =>
            setProblem(
              error instanceof Error ? error.message : 'The hint could not be revealed; please retry',
            ),
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
    announcement,
    reveal,
    dismissProblem: useCallback(() => setProblem(null), []),
  };
}
