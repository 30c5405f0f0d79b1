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
  // Until the viewer plays or seeks, the head rests where the page opened. While a long replay
  // loads, the time line grows: a resting head follows the opening place (the drawing so far), one
  // the viewer moved or is playing stays where it is. (Leaving the rest always sets the head anew.)
  const [resting, setResting] = useState(true);

  const seek = useCallback(
    (to: number) => {
      setResting(false);
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
    if (!playing && (head.current >= duration || resting)) seek(0);
    setResting(false);
    setPlaying(!playing);
  }, [playing, duration, resting, seek]);

  return { position: resting ? opening : position, playing, speed, setSpeed, seek, togglePlaying, resting };
}
