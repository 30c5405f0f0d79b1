import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { CallSnapshot } from '@mockboard/call';
import { boardSafeArea } from './board-safe-area';
import { partnerOf } from './call-words';
import { CameraIcon, MinimiseIcon } from './CallIcons';
import {
  clampOffset,
  DEFAULT_TILE_OFFSET,
  isArrowKey,
  nudge,
  offsetAt,
  tileCorner,
  type Area,
  type Size,
  type TileOffset,
} from './tile-position';

interface PartnerVideoProps {
  call: CallSnapshot;
  partnerName: string;
}

/** Where a pointer took hold of the tile, relative to its top-left corner. */
interface Grip {
  pointerId: number;
  x: number;
  y: number;
}

/**
 * The partner's camera as a small tile over the board (bottom-right at first), with this tab's own
 * preview in its corner. It moves with the pointer or the arrow keys, only within the board's free
 * area, so it never covers Excalidraw's tools; "Hide video" folds it into a small button.
 * Must be rendered in the positioned container that also holds the `.whiteboard`.
 */
export function PartnerVideo({ call, partnerName }: PartnerVideoProps) {
  const partner = partnerOf(call);
  const inCall = call.phase !== 'off' && call.phase !== 'ended' && call.phase !== 'moved';
  const partnerStream = inCall && partner?.media.video ? partner.stream : null;
  const ownStream = inCall && call.camera === 'on' ? call.localStream : null;
  const [folded, setFolded] = useState(false);
  const [offset, setOffset] = useState<TileOffset>(DEFAULT_TILE_OFFSET);
  const [area, setArea] = useState<Area | null>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const tileRef = useRef<HTMLDivElement>(null);
  const grip = useRef<Grip | null>(null);
  // Folding or unfolding swaps the button that was clicked for another: focus follows to it.
  const refocus = useRef(false);
  const shown = partnerStream !== null || ownStream !== null;

  // Measured before the first paint and whenever the board, the tile or the window changes size.
  useLayoutEffect(() => {
    const tile = tileRef.current;
    const container = tile?.parentElement;
    if (!shown || !tile || !container) return;
    const measure = () => {
      setArea(boardSafeArea(container));
      setSize({ width: tile.offsetWidth, height: tile.offsetHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    observer.observe(tile);
    const board = container.querySelector('.whiteboard');
    if (board) observer.observe(board);
    return () => observer.disconnect();
  }, [shown]);

  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    tileRef.current?.querySelector('button')?.focus();
  }, [folded]);

  function fold(value: boolean) {
    refocus.current = true;
    setFolded(value);
  }

  if (!shown) return null;
  const placed = area ? tileCorner(clampOffset(offset, size, area), size, area) : null;

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    const tile = tileRef.current;
    if (!tile || event.button !== 0 || (event.target as Element).closest('button')) return;
    const box = tile.getBoundingClientRect();
    grip.current = { pointerId: event.pointerId, x: event.clientX - box.left, y: event.clientY - box.top };
    tile.setPointerCapture(event.pointerId);
    // No text selection while dragging; focus instead, so the arrow keys carry on from here.
    event.preventDefault();
    tile.focus({ preventScroll: true });
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const held = grip.current;
    const container = tileRef.current?.parentElement;
    if (!held || held.pointerId !== event.pointerId || !container || !area) return;
    const origin = container.getBoundingClientRect();
    setOffset(
      offsetAt(event.clientX - origin.left - held.x, event.clientY - origin.top - held.y, size, area),
    );
  }

  function letGo(event: PointerEvent<HTMLDivElement>) {
    if (grip.current?.pointerId === event.pointerId) grip.current = null;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget || !isArrowKey(event.key) || !area) return;
    // Kept from Excalidraw's document listener, which would move the board's selection as well.
    event.preventDefault();
    event.stopPropagation();
    setOffset((current) => nudge(clampOffset(current, size, area), event.key, event.shiftKey, size, area));
  }

  const title = partnerStream ? `${partnerName}’s video` : 'Your camera';
  return (
    <div
      ref={tileRef}
      className={`call-tile${folded ? ' call-tile--folded' : ''}${partnerStream ? '' : ' call-tile--own'}`}
      style={placed ? { left: placed.left, top: placed.top } : { visibility: 'hidden' }}
      role="group"
      aria-label={title}
      aria-roledescription="movable video"
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
      title="Drag to move, or use the arrow keys"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={letGo}
      onPointerCancel={letGo}
      onKeyDown={onKeyDown}
    >
      {folded ? (
        <button type="button" className="call-tile__show" onClick={() => fold(false)}>
          <CameraIcon />
          Show video
        </button>
      ) : (
        <>
          {partnerStream && <StreamVideo stream={partnerStream} className="call-tile__partner" />}
          {ownStream && <StreamVideo stream={ownStream} className="call-tile__own" />}
          <button type="button" className="call-tile__hide" title="Hide video" onClick={() => fold(true)}>
            <MinimiseIcon />
            <span className="visually-hidden">Hide video</span>
          </button>
        </>
      )}
    </div>
  );
}

/** A muted <video> showing a stream: the partner's sound plays through the call's audio element. */
function StreamVideo({ stream, className }: { stream: MediaStream; className: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className={className} autoPlay playsInline muted />;
}
