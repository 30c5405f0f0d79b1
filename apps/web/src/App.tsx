import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { Layout } from './components/Layout';
import { RedirectKeepingQuery } from './components/RedirectKeepingQuery';
import { LoadingState } from './components/StatusViews';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { PromptLibraryPage } from './pages/PromptLibraryPage';
import { RubricPage } from './pages/RubricPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';

// The Markdown renderer is most of the bundle and only the prompt page needs it: load it on demand.
const PromptPage = lazy(() =>
  import('./pages/PromptPage').then((module) => ({ default: module.PromptPage })),
);

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="signin" element={<SignInPage />} />
        {/* Other spellings people type by hand. */}
        <Route path="register" element={<RedirectKeepingQuery to="/signup" />} />
        <Route path="login" element={<RedirectKeepingQuery to="/signin" />} />
        <Route
          path="profile"
          element={
            <RequireAuth>
              <ProfilePage />
            </RequireAuth>
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
