import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ForgotPasswordPage } from './account/ForgotPasswordPage';
import { ResetPasswordPage } from './account/ResetPasswordPage';
import { VerifyEmailPage } from './account/VerifyEmailPage';
import { RequireAuth } from './auth/RequireAuth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { lazyOrReload } from './components/lazy-or-reload';
import { RedirectKeepingQuery } from './components/RedirectKeepingQuery';
import { LoadingState } from './components/StatusViews';
import { HomePage } from './pages/HomePage';
import { AdminCalibrationPage } from './pages/AdminCalibrationPage';
import { AdminModerationPage } from './pages/AdminModerationPage';
import { AdminMailboxPage } from './pages/AdminMailboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PracticePage } from './pages/PracticePage';
import { ProfilePage } from './pages/ProfilePage';
import { ProgressPage } from './pages/ProgressPage';
import { PromptLibraryPage } from './pages/PromptLibraryPage';
import { RubricPage } from './pages/RubricPage';
import { SessionPage } from './pages/SessionPage';
import { SignInPage } from './pages/SignInPage';
import { UnsubscribePage } from './mail-preferences/UnsubscribePage';
import { SignUpPage } from './pages/SignUpPage';

// The Markdown renderer is most of the bundle and only the prompt page needs it: load it on demand.
const PromptPage = lazyOrReload(() =>
  import('./pages/PromptPage').then((module) => ({ default: module.PromptPage })),
);

// The scorecard (the prompt's signals) and the shared case study use the same renderer: also on demand.
const ScorecardPage = lazyOrReload(() =>
  import('./pages/ScorecardPage').then((module) => ({ default: module.ScorecardPage })),
);
const SharedCaseStudyPage = lazyOrReload(() =>
  import('./pages/SharedCaseStudyPage').then((module) => ({ default: module.SharedCaseStudyPage })),
);

// The whiteboard (Excalidraw) is by far the largest dependency: only the room and the replay load it.
// The study plan renders card notes as Markdown: on demand as well.
const StudyPlanPage = lazyOrReload(() =>
  import('./study-plan/StudyPlanPage').then((module) => ({ default: module.StudyPlanPage })),
);

const RoomPage = lazyOrReload(() =>
  import('./pages/RoomPage').then((module) => ({ default: module.RoomPage })),
);
const ReplayPage = lazyOrReload(() =>
  import('./pages/ReplayPage').then((module) => ({ default: module.ReplayPage })),
);

export function App() {
  return (
    <Routes>
      {/* The live room fills the screen, outside the site's frame. */}
      <Route
        path="sessions/:id/room"
        element={
          <RequireAuth>
            {/* Outside Layout's boundary: a room chunk that still fails to download once the tab
                reloaded itself for it (lazyOrReload) offers a reload rather than a blank screen. */}
            <ErrorBoundary>
              <Suspense fallback={<LoadingState label="Opening the room…" />}>
                <RoomPage />
              </Suspense>
            </ErrorBoundary>
          </RequireAuth>
        }
      />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="signin" element={<SignInPage />} />
        {/* Other spellings people type by hand. */}
        <Route path="register" element={<RedirectKeepingQuery to="/signup" />} />
        <Route path="login" element={<RedirectKeepingQuery to="/signin" />} />
        {/* Opened from the links in account mails; the token in the query stands in for a sign-in. */}
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route
          path="profile"
          element={
            <RequireAuth>
              <ProfilePage />
            </RequireAuth>
          }
        />
        <Route
          path="practice"
          element={
            <RequireAuth>
              <PracticePage />
            </RequireAuth>
          }
        />
        <Route
          path="sessions/:id"
          element={
            <RequireAuth>
              <SessionPage />
            </RequireAuth>
          }
        />
        <Route
          path="sessions/:id/replay"
          element={
            <RequireAuth>
              <Suspense fallback={<LoadingState label="Loading the replay…" />}>
                <ReplayPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="sessions/:id/rounds/:round/score"
          element={
            <RequireAuth>
              <Suspense fallback={<LoadingState label="Loading the scorecard…" />}>
                <ScorecardPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="progress"
          element={
            <RequireAuth>
              <ProgressPage />
            </RequireAuth>
          }
        />
        <Route
          path="plan"
          element={
            <RequireAuth>
              <Suspense fallback={<LoadingState label="Loading your study plan…" />}>
                <StudyPlanPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="admin/calibration"
          element={
            <RequireAuth>
              <AdminCalibrationPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/moderation"
          element={
            <RequireAuth>
              <AdminModerationPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/mailbox"
          element={
            <RequireAuth>
              <AdminMailboxPage />
            </RequireAuth>
          }
        />
        <Route
          path="shared/:token"
          element={
            <Suspense fallback={<LoadingState label="Loading the case study…" />}>
              <SharedCaseStudyPage />
            </Suspense>
          }
        />
        <Route path="prompts" element={<PromptLibraryPage />} />
        <Route
          path="prompts/:id"
          element={
            <Suspense fallback={<LoadingState label="Loading the prompt…" />}>
              <PromptPage />
            </Suspense>
          }
        />
        <Route path="rubric" element={<RubricPage />} />
        {/* Opened from a mail's unsubscribe link; the signed token stands in for a sign-in. */}
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
