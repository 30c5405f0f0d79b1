import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { RoomRole } from '@mockboard/contracts';
import { sessionAllows, sessionHasBegun } from '@mockboard/schedule';
import { getSession } from '../api/sessions';
import { callPresence } from '../call/call-words';
import { CallControls } from '../call/CallControls';
import { CallStatusText } from '../call/CallStatusText';
import { MicrophoneHelp } from '../call/MicrophoneHelp';
import { PartnerVideo } from '../call/PartnerVideo';
import { RemoteAudio } from '../call/RemoteAudio';
import { useCall } from '../call/useCall';
import { ChatPanel, UnreadBadge } from '../chat/ChatPanel';
import { useChat } from '../chat/useChat';
import { Dialog } from '../components/Dialog';
import { useLeaveWarning } from '../hooks/useLeaveWarning';
import { useNow } from '../hooks/useNow';
import { useResource } from '../hooks/useResource';
import { ReferenceDesignSection } from '../diagram/ReferenceDesignSection';
import { ReportOrBlock } from '../moderation/ReportOrBlock';
import { RoundPromptPicker } from '../session/RoundPromptPicker';
import { useRoomHintParts } from './hints/useRoomHintParts';
import { InterviewerNotes } from './InterviewerNotes';
import { PastRoundBoard } from './PastRoundBoard';
import { PhaseTimer } from './PhaseTimer';
import { PromptPanel } from './PromptPanel';
import { RoomActions } from './RoomActions';
import { ConnectionIndicator, PresenceList } from './RoomStatus';
import { watchStoredNotes } from './stored-notes';
import { useNewPrompt } from './useNewPrompt';
import type { useCollabRoom, JoinedRoom } from './useCollabRoom';
import { Whiteboard } from './Whiteboard';

const ROLE_TEXT: Record<RoomRole, string> = {
  interviewer: 'You interview',
  candidate: 'You are the candidate',
  observer: 'You are observing',
};

/** Said in the panel of a round with no prompt, when no picker is shown there. */
function noPromptNote(role: RoomRole, ended: boolean): string {
  if (ended || role === 'observer') return 'No prompt was chosen for this round.';
  return role === 'candidate'
    ? 'No prompt was chosen for this round. Agree on a problem together, or wait for the interviewer to pick one: it shows here.'
    : 'No prompt was chosen for this round yet.';
}

// The room hears of a chosen prompt from the server, and fetches it.
const ignoreSession = () => undefined;

const wideScreen = () => window.matchMedia?.('(min-width: 60rem)').matches ?? true;

type Live = ReturnType<typeof useCollabRoom>;

interface LiveRoomProps {
  live: Live;
  joined: JoinedRoom;
  myUserId: string;
}

/** The room once joined: a bar of facts and controls, the clock, the whiteboard and the side panel. */
export function LiveRoom({ live, joined, myUserId }: LiveRoomProps) {
  const { client, ack, clockOffsetMs } = joined;
  const state = live.state ?? ack.state;
  // Format and kind decide the swap and phase controls; the room works without them meanwhile.
  const loaded = useResource(`room-session:${state.sessionId}`, (signal) =>
    getSession(state.sessionId, signal),
  );
  const session = loaded.status === 'success' ? loaded.data : null;
  const navigate = useNavigate();
  const panelId = useId();
  const [panelOpen, setPanelOpen] = useState(wideScreen);
  const panelToggle = useRef<HTMLButtonElement>(null);
  const [follow, setFollow] = useState(false);
  const [phaseBusy, setPhaseBusy] = useState(false);
  const [endedByMe, setEndedByMe] = useState(false);
  const [viewingPastRound, setViewingPastRound] = useState(false);
  const now = useNow(15_000);
  const watchNotes = useMemo(() => watchStoredNotes(client), [client]);
  // The client asks while it can still deliver (useCollabRoom); the page, while anything is
  // unstored, even once the room is offline for good and its edits can no longer be sent.
  useLeaveWarning(() => client.pendingCount > 0);
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);

  const sessionPath = `/sessions/${state.sessionId}`;
  const role = state.roles[myUserId] ?? ack.role;
  const connected = live.status === 'connected';
  const editor = role !== 'observer';
  const solo = session?.kind === 'solo';
  const partner = ack.participants.find((p) => p.userId !== myUserId) ?? null;
  const partnerName = partner?.displayName ?? 'your partner';
  const partnerOnline = partner ? (live.online.get(partner.userId) ?? false) : false;
  const ended = !sessionAllows(state.status, 'use_room');
  const plan = ack.prompt?.timePlan ?? [];
  // Only while the interview runs, and only the round's interviewer (or the solo candidate): once it
  // ended nobody is offered a phase, a swap or an end (the server refuses them all).
  const canMovePhase = !ended && (role === 'interviewer' || (solo && editor));
  // Swapping and ending are the interviewer's to call, like phases (the server refuses anyone else).
  const canSwap =
    session?.format === 'swap' && session.rounds.length > 1 && state.round === 1 && canMovePhase;
  // The notes belong to the round this join was made for (a swap re-joins for the next round).
  const keepsNotes = ack.role === 'interviewer' && ack.round === state.round;
  // A round booked without a prompt gets one here from its interviewer; the choice reaches
  // everyone in the room, whose rooms fetch it and show it in place (useCollabRoom).
  const roundToPrompt = session?.rounds.find((round) => round.number === ack.round);
  const canChoosePrompt = keepsNotes && !ended && !solo && !ack.prompt && roundToPrompt !== undefined;
  const hints = useRoomHintParts({
    client,
    ack,
    phase: state.phase,
    guides: keepsNotes,
    solo,
    editor,
    ended,
    connected,
    panelOpen,
  });
  const newPrompt = useNewPrompt(ack, panelOpen);
  // The call is between the two participants while the interview runs: no observers, no solo practice.
  const { call, actions, audio } = useCall({
    sessionId: state.sessionId,
    client,
    enabled: editor && partner !== null && !ended,
    myUserId,
  });
  // The chat is between the two participants: not for observers, not in solo practice.
  const me = ack.participants.find((p) => p.userId === myUserId);
  const chat = useChat({
    client,
    sessionId: state.sessionId,
    me: { userId: myUserId, displayName: me?.displayName ?? 'You' },
    enabled: editor && !solo && partner !== null,
    panelVisible: panelOpen,
  });

  async function nextPhase(phase: typeof state.phase) {
    setPhaseBusy(true);
    try {
      await client.setPhase(phase);
    } catch (error) {
      live.reportProblem(error instanceof Error ? error.message : 'Could not move to the next phase');
    } finally {
      setPhaseBusy(false);
    }
  }

  async function endInterview() {
    await client.endSession();
    // The answer may come after the person left the room (the client closes once it has it).
    if (!shown.current) return;
    setEndedByMe(true);
    navigate(sessionPath);
  }

  return (
    <div className="room">
      <header className="room-bar">
        <Link to={sessionPath} className="room-bar__back">
          <span aria-hidden="true">←</span> Session
        </Link>
        <div className="room-bar__title">
          <h1>{ack.prompt?.title ?? 'Interview room'}</h1>
          <span className="room-bar__role">{solo ? 'Solo practice' : ROLE_TEXT[role]}</span>
        </div>
        <PresenceList
          participants={ack.participants}
          online={live.online}
          idle={live.idle}
          myUserId={myUserId}
          call={callPresence(call, myUserId)}
        />
        {/* The room's connection and the call's, one above the other to keep the bar on one line. */}
        <div className="room-bar__status">
          <ConnectionIndicator
            status={live.status}
            pending={live.pending}
            unstoredSince={() => client.unstoredSince}
          />
          <CallStatusText call={call} partnerName={partnerName} />
        </div>
        <CallControls call={call} actions={actions} />
        <div className="room-bar__controls">
          {/* First: on a phone the panel starts folded, and this row scrolls sideways. */}
          <button
            ref={panelToggle}
            type="button"
            className="button button--secondary button--small room-bar__toggle"
            aria-expanded={panelOpen}
            aria-controls={panelId}
            onClick={() => setPanelOpen((open) => !open)}
          >
            Prompt
            {!panelOpen && chat.unread > 0 && <UnreadBadge count={chat.unread} />}
            {hints.badge}
            {newPrompt.badge}
          </button>
          {partner && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={follow}
              disabled={!partnerOnline}
              onClick={() => setFollow((on) => !on)}
              title={`See what ${partner.displayName} sees`}
            >
              <span>
                {follow ? 'Following' : 'Follow'}{' '}
                <span className="room-bar__partner-name">{partner.displayName}</span>
              </span>
            </button>
          )}
          {/* Each round draws on its own board; the earlier one stays there to look back at. */}
          {ack.round > 1 && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setViewingPastRound(true)}
            >
              Round {ack.round - 1} board
            </button>
          )}
          {/* Out of the way, but there during the session, when it matters most. The room opens
              before the start, when the server still refuses reports: only "Block" until then (by its clock). */}
          {partner && (
            <ReportOrBlock
              sessionId={state.sessionId}
              partner={{ id: partner.userId, displayName: partner.displayName }}
              canReport={
                sessionAllows(state.status, 'report') &&
                sessionHasBegun(
                  { status: state.status, startsAt: session?.startsAt ?? null },
                  new Date(now.getTime() + clockOffsetMs),
                )
              }
              compact
            />
          )}
          <RoomActions
            canSwap={canSwap}
            canEnd={canMovePhase}
            disabled={!connected}
            onSwap={() => client.swapRoles()}
            onEnd={endInterview}
            partnerName={partnerName}
          />
        </div>
      </header>
      <MicrophoneHelp
        call={call}
        partnerName={partnerName}
        onRetryMicrophone={actions.retryMicrophone}
        onUnlockAudio={actions.unlockAudio}
      />

      <PhaseTimer
        plan={plan}
        state={state}
        clockOffsetMs={clockOffsetMs}
        ended={ended}
        onNextPhase={canMovePhase ? nextPhase : undefined}
        busy={phaseBusy || !connected}
      />

      <RemoteAudio call={call} audio={audio} />
      {hints.announcer}
      {newPrompt.announcer}

      <div className="room-main">
        {/* A new round starts a new board: a fresh one, never the last round's drawing carried over. */}
        <Whiteboard
          key={ack.round}
          room={joined}
          listenersRef={live.listenersRef}
          followUserId={follow && partnerOnline && partner ? partner.userId : null}
          readOnly={!editor || ended}
          onProblem={live.reportProblem}
        />
        <PartnerVideo call={call} partnerName={partnerName} />
        {/* Hidden rather than removed, so notes being typed and the scroll position survive. */}
        <PromptPanel
          id={panelId}
          hidden={!panelOpen}
          prompt={ack.prompt}
          onHide={() => {
            setPanelOpen(false);
            // The hide button goes with the panel: the keyboard's place is the toggle that reopens it.
            panelToggle.current?.focus();
          }}
          chat={chat.enabled && <ChatPanel chat={chat} myUserId={myUserId} />}
          referenceDesign={
            <ReferenceDesignSection
              key={`${ack.round}:${ack.prompt?.id ?? ''}`}
              source={{ sessionId: state.sessionId, round: ack.round }}
            />
          }
          noPromptNote={noPromptNote(role, ended)}
          promptPicker={
            canChoosePrompt &&
            session && (
              <RoundPromptPicker
                session={session}
                round={roundToPrompt}
                onChange={ignoreSession}
                className="room-panel__picker"
              />
            )
          }
          revealedHints={hints.revealed}
          hintGuide={hints.guide}
          notes={
            keepsNotes && (
              <InterviewerNotes
                key={ack.round}
                round={ack.round}
                initialText={client.storedNotes(ack.round) ?? ''}
                save={(round, text) => client.saveNotes(round, text)}
                watchStored={watchNotes}
              />
            )
          }
        />
      </div>

      {live.problem && (
        <div className="room-problem" role="alert">
          <span>{live.problem}</span>
          <button type="button" className="button button--ghost button--small" onClick={live.dismissProblem}>
            Dismiss
          </button>
        </div>
      )}

      {viewingPastRound && (
        <PastRoundBoard
          sessionId={state.sessionId}
          round={ack.round - 1}
          onClose={() => setViewingPastRound(false)}
        />
      )}

      {ended && !endedByMe && (
        <Dialog title="The interview has ended" onClose={() => navigate(sessionPath)}>
          <p>The session has moved on to scoring. The whiteboard stays as it was; you can replay it later.</p>
          <div className="dialog__actions">
            <Link to={sessionPath} className="button">
              Go to the session
            </Link>
          </div>
        </Dialog>
      )}
    </div>
  );
}
