import { CreateUsers1764000000000 } from './1764000000000-create-users';
import { CreateScheduling1764100000000 } from './1764100000000-create-scheduling';
import { CreateRoom1764200000000 } from './1764200000000-create-room';
import { CreateScoring1764300000000 } from './1764300000000-create-scoring';
import { IndexReliability1764400000000 } from './1764400000000-index-reliability';
import { LighterRoomLog1764500000000 } from './1764500000000-lighter-room-log';
import { SignInSessions1764600000000 } from './1764600000000-sign-in-sessions';
import { WhiteboardBudget1764700000000 } from './1764700000000-whiteboard-budget';
import { BoundedScorecardRevisions1764800000000 } from './1764800000000-bounded-scorecard-revisions';
import { SceneElementSeq1764900000000 } from './1764900000000-scene-element-seq';
import { Outbox1764950000000 } from './1764950000000-outbox';
import { ChatMessages1765000000000 } from './1765000000000-chat-messages';
import { DateTimeLocale1765100000000 } from './1765100000000-date-time-locale';
import { OptionalTargetLevel1765200000000 } from './1765200000000-optional-target-level';
import { SceneRounds1765300000000 } from './1765300000000-scene-rounds';
import { OutgoingMail1765400000000 } from './1765400000000-outgoing-mail';
import { AccountTokens1765500000000 } from './1765500000000-account-tokens';
import { Moderation1765600000000 } from './1765600000000-moderation';
import { MailPreferences1765700000000 } from './1765700000000-mail-preferences';
import { SessionStartAgreedAt1765830000000 } from './1765830000000-session-start-agreed-at';
import { HintReveals1765900000000 } from './1765900000000-hint-reveals';
import { StudyPlans1766000000000 } from './1766000000000-study-plans';
import { StudyPlanCardOwner1766100000000 } from './1766100000000-study-plan-card-owner';
import { ReliabilityOnUserRow1766200000000 } from './1766200000000-reliability-on-user-row';
import { HintRevealRoundAndPhase1766300000000 } from './1766300000000-hint-reveal-round-and-phase';
import { RescheduleProposalsBySession1766400000000 } from './1766400000000-reschedule-proposals-by-session';
import { DevMailboxArrivalOrder1766500000000 } from './1766500000000-dev-mailbox-arrival-order';
import { InterviewerNotesRevision1766600000000 } from './1766600000000-interviewer-notes-revision';
import { SkippedRounds1766700000000 } from './1766700000000-skipped-rounds';
import { RoundsNeverReached1766800000000 } from './1766800000000-rounds-never-reached';

/** Every migration, oldest first. A new one is appended here (npm run migration:create). */
export const MIGRATIONS = [
  CreateUsers1764000000000,
  CreateScheduling1764100000000,
  CreateRoom1764200000000,
  CreateScoring1764300000000,
  IndexReliability1764400000000,
  LighterRoomLog1764500000000,
  SignInSessions1764600000000,
  WhiteboardBudget1764700000000,
  BoundedScorecardRevisions1764800000000,
  SceneElementSeq1764900000000,
  Outbox1764950000000,
  ChatMessages1765000000000,
  DateTimeLocale1765100000000,
  OptionalTargetLevel1765200000000,
  SceneRounds1765300000000,
  OutgoingMail1765400000000,
  AccountTokens1765500000000,
  Moderation1765600000000,
  MailPreferences1765700000000,
  SessionStartAgreedAt1765830000000,
  HintReveals1765900000000,
  StudyPlans1766000000000,
  StudyPlanCardOwner1766100000000,
  ReliabilityOnUserRow1766200000000,
  HintRevealRoundAndPhase1766300000000,
  RescheduleProposalsBySession1766400000000,
  DevMailboxArrivalOrder1766500000000,
  InterviewerNotesRevision1766600000000,
  SkippedRounds1766700000000,
  RoundsNeverReached1766800000000,
];
