import '../shared/styles/base.css';
import './console.css';
import { api, ApiError } from '../shared/api';
import { ChatList } from '../shared/room/chat';
import { Composer } from '../shared/room/composer';
import { button, el, InlineError, toast } from '../shared/dom';
import { RoomConnection, hubErrorMessage } from '../shared/hub';
import { applyTranslations, bind, createLanguageToggle, onLanguageChange, roleKey, t } from '../shared/i18n';
import { chatModeration, NewViewerDelayForm } from './live-desk/moderation';
import { QuestionList } from '../shared/room/qa';
import { roomsView, type View } from './rooms/rooms-page';
import { loadStaffSession, saveStaffSession, type StaffSession } from '../shared/storage';
import { canManageRooms, canModerate, MAX_ANSWER_LENGTH, MAX_CHAT_LENGTH, type RoomStatus } from '../shared/types';
import { ConnectionIndicator, StatusBadge, ViewerCount } from '../shared/widgets';

// The staff console, served at /console: sign-in, rooms, and the moderation view (#/rooms/{id}).

const app = document.getElementById('app') as HTMLElement;

let session: StaffSession | null = loadStaffSession();
let currentView: View | null = null;
let stopHeaderTranslation: (() => void) | null = null;

function signOut(reasonKey: 'login.expired' | null): void {
  // Signing out on purpose ends the session on the server too (a lapsed one has nothing left to end).
  if (session && reasonKey === null) void api.logout(session.accessToken).catch(() => undefined);
  saveStaffSession(null);
  session = null;
  currentView?.dispose();
  currentView = null;
  showLogin(reasonKey);
}

/** Runs an authenticated call; a 401 means the token lapsed, so it signs out. */
async function authed<T>(call: (token: string) => Promise<T>): Promise<T> {
  if (!session) throw new ApiError(401, 'signed out');
  try {
    return await call(session.accessToken);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signOut('login.expired');
    throw error;
  }
}

function showLogin(reasonKey: 'login.expired' | null): void {
  document.body.classList.remove('signed-in');
  const error = new InlineError(0);
  const email = el('input', { attrs: { id: 'login-email', type: 'email', autocomplete: 'username', required: true } });
  const password = el('input', { attrs: { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true } });
  const submit = el('button', { i18n: 'login.submit', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'login-form', attrs: { novalidate: true } },
    el('label', { i18n: 'login.email', attrs: { for: 'login-email' } }),
    email,
    el('label', { i18n: 'login.password', attrs: { for: 'login-password' } }),
    password,
    error.element,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      error.show(t('login.wrong'));
      return;
    }
    submit.disabled = true;
    error.clear();
    api
      .login(email.value.trim(), password.value)
      .then((result) => {
        session = { accessToken: result.accessToken, expiresAt: Date.now() + result.expiresIn * 1000, user: result.user };
        saveStaffSession(session);
        showShell();
      })
      .catch((failure: unknown) => {
        submit.disabled = false;
        if (failure instanceof ApiError && (failure.status === 401 || failure.status === 400)) error.show(t('login.wrong'));
        else if (failure instanceof ApiError && failure.status === 429) error.show(t('login.tooMany'));
        else error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
        password.select();
      });
  });
  const notice = reasonKey ? el('p', { className: 'notice', i18n: reasonKey }) : null;
  app.replaceChildren(
    el(
      'main',
      { className: 'login-card' },
      el('div', { className: 'message-toolbar' }, createLanguageToggle()),
      el('h1', { i18n: 'console.title' }),
      el('h2', { i18n: 'login.title' }),
      notice,
      form,
    ),
  );
  email.focus();
}

function showShell(): void {
  if (!session) return;
  document.body.classList.add('signed-in');
  const user = session.user;
  const who = el('span', { className: 'who' });
  const renderWho = () => bind(who, 'signedInAs', { name: user.displayName, role: t(roleKey(user.role)) });
  renderWho();
  stopHeaderTranslation?.();
  stopHeaderTranslation = onLanguageChange(renderWho);
  const main = el('main', { className: 'console-main', attrs: { id: 'view' } });
  app.replaceChildren(
    el(
      'header',
      { className: 'console-header' },
      el('a', { className: 'brand', i18n: 'console.title', attrs: { href: '#/' } }),
      el('div', { className: 'header-tools' }, who, createLanguageToggle(), button('logout', () => signOut(null), { className: 'secondary small' })),
    ),
    main,
  );
  route();
}

function route(): void {
  const main = document.getElementById('view');
  if (!session || !main) return;
  currentView?.dispose();
  const match = /^#\/rooms\/([^/]+)$/.exec(location.hash);
  currentView = match?.[1] ? moderationView(decodeURIComponent(match[1])) : roomsView(authed, canManageRooms(session.user.role));
  main.replaceChildren(currentView.element);
  window.scrollTo(0, 0);
}

function moderationView(roomId: string): View {
  const user = session?.user;
  const moderator = canModerate(user?.role ?? 'viewer');
  const title = el('h2', { className: 'room-title', i18n: 'loading' });
  const status = new StatusBadge();
  const viewers = new ViewerCount();
  const connection = new ConnectionIndicator();
  const joinError = new InlineError(0);
  let hub: RoomConnection | null = null;
  const requireHub = () => {
    if (!hub) throw new Error(t('error.notConnected'));
    return hub;
  };
  const report = (error: unknown) => toast(hubErrorMessage(error), 'error');

  const chat: ChatList = new ChatList(moderator ? chatModeration(() => chat, requireHub, report) : undefined);
  if (user) chat.setMe(user.id);
  const composer = new Composer({
    label: 'chat.label',
    placeholder: 'chat.placeholder',
    submit: 'chat.send',
    maxLength: MAX_CHAT_LENGTH,
    className: 'chat-composer',
    describeError: hubErrorMessage,
    onSubmit: async (text) => chat.add([await requireHub().sendChat(text)]),
  });
  let answerLimit = MAX_ANSWER_LENGTH;
  const questions: QuestionList = new QuestionList(
    moderator
      ? {
          kind: 'staff',
          describeError: hubErrorMessage,
          maxAnswerLength: () => answerLimit,
          answer: async (question, text) => questions.upsert([await requireHub().answerQuestion(question.id, text)]),
          pin: async (question, pinned) => questions.upsert([await requireHub().pinQuestion(question.id, pinned)]),
          dismiss: async (question) => questions.upsert([await requireHub().dismissQuestion(question.id)]),
        }
      : {
          kind: 'viewer',
          hasVoted: () => false,
          describeError: hubErrorMessage,
          upvote: async (question) => questions.upsert([await requireHub().upvoteQuestion(question.id)]),
        },
  );
  const qaCount = el('span', { className: 'count-badge', attrs: { 'aria-hidden': 'true' } });
  questions.onCountChange = (open) => {
    qaCount.textContent = open > 0 ? String(open) : '';
  };

  const delayForm = new NewViewerDelayForm(requireHub, report);
  delayForm.element.hidden = !moderator;

  const viewerHref = new URL(`/r/${encodeURIComponent(roomId)}`, location.origin).href;
  const element = el(
    'div',
    { className: 'moderation-view', attrs: { 'data-room-id': roomId } },
    el(
      'div',
      { className: 'mod-head' },
      el('a', { className: 'back', i18n: 'mod.back', attrs: { href: '#/' } }),
      title,
      el('div', { className: 'room-meta' }, status.element, viewers.element, connection.element),
      el('a', { className: 'button small secondary', i18n: 'rooms.viewerPage', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } }),
    ),
    joinError.element,
    el(
      'div',
      { className: 'mod-grid' },
      el('section', { className: 'mod-column mod-chat', label: 'tab.chat' }, el('h3', { i18n: 'tab.chat' }), chat.element, composer.element, delayForm.element),
      el('section', { className: 'mod-column mod-qa', label: 'tab.qa' }, el('h3', {}, el('span', { i18n: 'tab.qa' }), qaCount), questions.element),
    ),
  );

  const setStatus = (value: RoomStatus) => {
    status.set(value);
    composer.setDisabled(value === 'ended' ? 'composer.ended' : null);
  };

  hub = new RoomConnection(roomId, () => session?.accessToken ?? '', {
    snapshot: (snapshot) => {
      title.removeAttribute('data-i18n');
      title.textContent = snapshot.room.title;
      document.documentElement.removeAttribute('data-title-key');
      document.title = `${snapshot.room.title} · ${t('console.title')}`;
      setStatus(snapshot.room.status);
      viewers.set(snapshot.viewerCount);
      if (snapshot.me) chat.setMe(snapshot.me.id);
      // The server's limits where it says them (older servers do not): the defaults otherwise.
      composer.setMaxLength(snapshot.limits?.maxMessageLength ?? MAX_CHAT_LENGTH);
      answerLimit = snapshot.limits?.maxAnswerLength ?? MAX_ANSWER_LENGTH;
      chat.reset(snapshot.recentChat);
      questions.reset(snapshot.questions);
      joinError.clear();
      if (moderator) delayForm.load(hub);
    },
    chat: (messages) => chat.add(messages),
    chatDeleted: (ids) => chat.remove(ids),
    questions: (changed) => questions.upsert(changed),
    viewers: (count) => viewers.set(count),
    roomStatus: setStatus,
    state: (state) => connection.set(state),
    joinFailed: (message) => joinError.show(message),
    unauthorized: () => signOut('login.expired'),
  });
  void hub.start();

  return {
    element,
    dispose: () => {
      const closing = hub;
      hub = null;
      void closing?.stop();
      document.documentElement.setAttribute('data-title-key', 'console.title');
      document.title = t('console.title');
    },
  };
}

window.addEventListener('hashchange', route);
applyTranslations(document);
if (session) showShell();
else showLogin(null);
