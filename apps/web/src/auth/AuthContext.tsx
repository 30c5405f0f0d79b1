import type { LoginRequest, MeResponse, RegisterRequest, User } from '@mockboard/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as authApi from '../api/auth';
import { SIGNED_OUT_EVENT, type ApiRequestError, isAbortError, toApiRequestError } from '../api/client';
import { setDateTimeLocale } from '../time/format';

/**
 * `unknown` means GET /api/me failed for a reason other than "not signed in" (server down, network):
 * pages that need a user show a retry instead of sending someone who is signed in to Sign in.
 */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-in'; user: User }
  | { status: 'signed-out' }
  | { status: 'unknown'; error: ApiRequestError };

/** What GET /api/me says about the signed-in user's address, beyond the user itself. */
export interface EmailStatus {
  /** Booking, offering, matching and sharing contacts need a verified address on this server. */
  verificationRequired: boolean;
  /** A new address waiting for its link to be opened, or null. */
  pendingEmail: string | null;
}

interface AuthContextValue {
  state: AuthState;
  user: User | null;
  /** null until GET /api/me answered (or when signed out). */
  emailStatus: EmailStatus | null;
  /** Reads GET /api/me again without a loading state (after verifying, or asking for a change). */
  refreshMe(): Promise<void>;
  signIn(body: LoginRequest): Promise<User>;
  signUp(body: RegisterRequest): Promise<User>;
  signOut(): Promise<void>;
  /** Replaces the current user after a profile update. */
  setUser(user: User): void;
  reload(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [emailStatus, setEmailStatus] = useState<EmailStatus | null>(null);

  const acceptMe = useCallback((me: MeResponse) => {
    const { pendingEmail, emailVerificationRequired, ...user } = me;
    setState({ status: 'signed-in', user });
    setEmailStatus({ verificationRequired: emailVerificationRequired, pendingEmail });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    authApi.getMe(controller.signal).then(acceptMe, (error: unknown) => {
      if (isAbortError(error)) return;
      const apiError = toApiRequestError(error);
      setState(apiError.status === 401 ? { status: 'signed-out' } : { status: 'unknown', error: apiError });
    });
    return () => controller.abort();
  }, [attempt, acceptMe]);

  const refreshMe = useCallback(async () => {
    acceptMe(await authApi.getMe());
  }, [acceptMe]);

  // A 401 from any call means this browser's sign-in ended (e.g. "sign out everywhere" on another
  // device): pages that need a user then send the person to Sign in instead of showing errors.
  useEffect(() => {
    const signedOut = () =>
      setState((current) => (current.status === 'signed-in' ? { status: 'signed-out' } : current));
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);

  const signIn = useCallback(
    async (body: LoginRequest) => {
      const user = await authApi.login(body);
      setState({ status: 'signed-in', user });
      await authApi.getMe().then(acceptMe, () => undefined);
      return user;
    },
    [acceptMe],
  );

  const signUp = useCallback(
    async (body: RegisterRequest) => {
      const user = await authApi.register(body);
      setState({ status: 'signed-in', user });
      // The new account's address is unverified: read whether this server requires it (the banner).
      await authApi.getMe().then(acceptMe, () => undefined);
      return user;
    },
    [acceptMe],
  );

  const signOut = useCallback(async () => {
    await authApi.logout();
    setState({ status: 'signed-out' });
  }, []);

  const setUser = useCallback((user: User) => setState({ status: 'signed-in', user }), []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      user: state.status === 'signed-in' ? state.user : null,
      emailStatus: state.status === 'signed-in' ? emailStatus : null,
      refreshMe,
      signIn,
      signUp,
      signOut,
      setUser,
      reload,
    }),
    [state, emailStatus, refreshMe, signIn, signUp, signOut, setUser, reload],
  );

  // Set during render, before the children format anything: the user's "Date and time format",
  // or the browser's language when they chose none or nobody is signed in.
  setDateTimeLocale(value.user?.dateTimeLocale ?? null);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
