import type { ReactNode } from 'react';
import type { InterviewPhase, JoinAck } from '@mockboard/contracts';
import type { CollabClient } from '@mockboard/collab';
import { HintAnnouncer } from './HintAnnouncer';
import { HintGuide } from './HintGuide';
import { NewHintBadge, useUnseenHints } from './NewHintBadge';
import { RevealedHints } from './RevealedHints';
import { SoloHintRequest } from './SoloHintRequest';
import { useRoomHints } from './useRoomHints';

interface RoomHintPartsOptions {
  client: CollabClient;
  ack: JoinAck;
  /** The phase the room is in now (the guide opens it, a solo request asks for it). */
  phase: InterviewPhase;
  /** This join is the interviewer's for the round the room is in (as for the notes). */
  guides: boolean;
  solo: boolean;
  editor: boolean;
  ended: boolean;
  connected: boolean;
  /** Whether the side panel shows: hints arriving while it is closed mark the Prompt button. */
  panelOpen: boolean;
}

/** The staged hints' pieces of the live room, each for the place the room puts it. */
export interface RoomHintParts {
  /** On the Prompt button while the panel is closed: hints not seen yet. */
  badge: ReactNode;
  /** The candidate's polite live region for each hint revealed to them. */
  announcer: ReactNode;
  /** In the panel, for everyone but the interviewer: the hints revealed (and a solo request). */
  revealed: ReactNode;
  /** In the panel, for the round's interviewer: the hints to reveal, phase by phase. */
  guide: ReactNode;
}

/**
 * Staged hints in the room: the round's interviewer reveals them (as with the notes, for the round
 * this join was made for), the others read them; in solo practice the practitioner asks for them.
 */
export function useRoomHintParts({
  client,
  ack,
  phase,
  guides,
  solo,
  editor,
  ended,
  connected,
  panelOpen,
}: RoomHintPartsOptions): RoomHintParts {
  const hints = useRoomHints(client, ack);
  const hintPhases = ack.prompt?.guide?.hints ?? [];
  const unseenHints = useUnseenHints(ack.role === 'interviewer' ? 0 : hints.reveals.length, panelOpen);
  return {
    badge: !panelOpen && unseenHints > 0 && <NewHintBadge count={unseenHints} />,
    announcer: ack.role === 'candidate' && !solo && <HintAnnouncer latest={hints.announcement} />,
    revealed: ack.role !== 'interviewer' && (
      <>
        {/* Solo practice: nobody to give a hint, so the practitioner asks for one. */}
        {solo && editor && !ended && ack.prompt && (
          <SoloHintRequest phase={phase} round={ack.round} hints={hints} disabled={!connected} />
        )}
        <RevealedHints reveals={hints.reveals} from={solo ? 'Hint you asked for' : undefined} />
      </>
    ),
    guide: guides && hintPhases.length > 0 && (
      <HintGuide
        phases={hintPhases}
        currentPhase={phase}
        round={ack.round}
        hints={hints}
        disabled={ended || !connected}
      />
    ),
  };
}
