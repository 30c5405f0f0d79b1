import { useCallback, useEffect, useRef, useState } from 'react';

export const REPLAY_SPEEDS = [1, 2, 4, 8] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/**
 * A play head over `duration` milliseconds: rests at `opening` (the finished drawing, by default
 * the end) until the viewer moves it, plays at 1–8× real time on animation frames, and can be
 * moved anywhere while playing or paused.
 */
export function useReplayPlayback(duration: number, opening = duration) {
  const [position, setPosition] = useState(opening);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  // The animation loop and seeks share the play head without waiting for a render.
  const head = useRef(opening);
  // Until the viewer plays or seeks, the head rests where the page opened (the ref for the loop and
  // the effects, the state for rendering).
  const resting = useRef(true);
  const [stillResting, setStillResting] = useState(true);

  // While a long replay loads, the time line grows: a resting play head follows the opening place
  // (the drawing so far), one the viewer moved or is playing stays where it is.
  useEffect(() => {
    if (resting.current) {
      head.current = opening;
      setPosition(opening);
    }
  }, [opening]);

  const seek = useCallback(
    (to: number) => {
      resting.current = false;
      setStillResting(false);
      head.current = Math.min(Math.max(to, 0), duration);
      setPosition(head.current);
    },
    [duration],
  );

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      head.current = Math.min(duration, head.current + (now - last) * speed);
      last = now;
      setPosition(head.current);
      if (head.current >= duration) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, duration]);

  const togglePlaying = useCallback(() => {
    // Play at the end, or where the page opened, starts over.
    if (!playing && (head.current >= duration || resting.current)) seek(0);
    resting.current = false;
    setStillResting(false);
    setPlaying(!playing);
  }, [playing, duration, seek]);

  return { position, playing, speed, setSpeed, seek, togglePlaying, resting: stillResting };
}
