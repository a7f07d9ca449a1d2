import '../shared/styles/base.css';
import './console.css';
import { api, ApiError } from '../shared/api';
import { applyTranslations } from '../shared/i18n';
import { loadStaffSession, saveStaffSession, type StaffSession } from '../shared/storage';
import { loginCard, type SignInReason } from './login';
import { workspacePages } from './registry';
import { Shell } from './shell';

// The staff console, served at /console: sign-in, then the workspace (shell.ts) and its pages (registry.ts).

const app = document.getElementById('app') as HTMLElement;

/** Signed out (with why), or signed in with the shell on screen. */
type ConsoleState = { kind: 'signedOut'; reason: SignInReason } | { kind: 'signedIn'; session: StaffSession; shell: Shell };

let state: ConsoleState = { kind: 'signedOut', reason: null };

function enter(next: ConsoleState): void {
  state = next;
  document.body.classList.toggle('signed-in', next.kind === 'signedIn');
  if (next.kind === 'signedIn') {
    app.replaceChildren(next.shell.element);
    next.shell.start();
    return;
  }
  const card = loginCard(next.reason, (session) => {
    saveStaffSession(session);
    signIn(session);
  });
  app.replaceChildren(card.element);
  card.focus();
}

function signIn(session: StaffSession): void {
  const shell = new Shell({
    user: session.user,
    authed,
    accessToken: () => (state.kind === 'signedIn' ? state.session.accessToken : ''),
    pages: workspacePages,
    signOut: () => signOut(null),
    sessionExpired: () => signOut('login.expired'),
  });
  enter({ kind: 'signedIn', session, shell });
}

function signOut(reason: SignInReason): void {
  if (state.kind !== 'signedIn') return;
  // Signing out on purpose ends the session on the server too (a lapsed one has nothing left to end).
  if (reason === null) void api.logout(state.session.accessToken).catch(() => undefined);
  saveStaffSession(null);
  state.shell.dispose();
  enter({ kind: 'signedOut', reason });
}

/** Runs an authenticated call; a 401 means the token lapsed, so it signs out. */
async function authed<T>(call: (token: string) => Promise<T>): Promise<T> {
  if (state.kind !== 'signedIn') throw new ApiError(401, 'signed out');
  try {
    return await call(state.session.accessToken);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signOut('login.expired');
    throw error;
  }
}

applyTranslations(document);
const stored = loadStaffSession();
if (stored) signIn(stored);
else enter({ kind: 'signedOut', reason: null });
