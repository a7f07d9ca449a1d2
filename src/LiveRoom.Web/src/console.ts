import './styles/base.css';
import './styles/console.css';
import { api, ApiError } from './api';
import { ChatList } from './chat';
import { Composer } from './composer';
import { append, button, choiceDialog, confirmDialog, el, formatDateTime, InlineError, reconcileChildren, toast } from './dom';
import { RoomConnection, hubErrorMessage } from './hub';
import { ingestPanel } from './ingest';
import { applyTranslations, bind, createLanguageToggle, onLanguageChange, roleKey, t } from './i18n';
import { QuestionList } from './qa';
import { percent, recordingStateOf } from './recording';
import { loadStaffSession, saveStaffSession, type StaffSession } from './storage';
import { canManageRooms, canModerate, MAX_ANSWER_LENGTH, MAX_CHAT_LENGTH, type Ingest, type RoomInfo, type RoomStatus, type StaffRoom } from './types';
import { ConnectionIndicator, StatusBadge, ViewerCount } from './widgets';

// The staff console, served at /console: sign-in, rooms, and the moderation view (#/rooms/{id}).

const app = document.getElementById('app') as HTMLElement;
const LIST_REFRESH_MS = 15_000;
/** How often the replay state of a visible ended room is re-read while its recording is being made. */
const RECORDING_REFRESH_MS = 3000;

/** A view owns what it started (timers, hub connections) and gives it back when left. */
interface View {
  element: HTMLElement;
  dispose(): void;
}

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
  currentView = match?.[1] ? moderationView(decodeURIComponent(match[1])) : roomsView();
  main.replaceChildren(currentView.element);
  window.scrollTo(0, 0);
}

function roomsView(): View {
  const manage = canManageRooms(session?.user.role ?? 'viewer');
  const list = el('ul', { className: 'room-list', label: 'rooms.list' });
  const empty = el('p', { className: 'empty-state', i18n: 'rooms.empty' });
  empty.hidden = true;
  const listError = new InlineError(0);
  const createdSlot = el('div', { className: 'created-slot' });
  let disposed = false;

  const cards = new Map<string, RoomCard>();

  // Each ended room's card reads its recording details from GET /api/rooms/{id} (the list carries them
  // too, as of its last refresh), only while the card is on screen, and again every few seconds while preparing.
  const onScreen = new Set<string>();
  const reading = new Set<string>();
  const readRecordings = () => {
    for (const id of onScreen) {
      const card = cards.get(id);
      if (!card?.needsRecording() || reading.has(id)) continue;
      reading.add(id);
      api
        .getRoom(id)
        .then((room) => {
          if (!disposed) card.setRecording(room);
        })
        .catch(() => undefined)
        .finally(() => reading.delete(id));
    }
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset['roomId'];
      if (!id) continue;
      if (entry.isIntersecting) onScreen.add(id);
      else onScreen.delete(id);
    }
    readRecordings();
  });

  const load = async () => {
    try {
      const rooms = await authed((token) => api.listRooms(token));
      if (disposed) return;
      listError.clear();
      const seen = new Set<string>();
      for (const room of rooms) {
        seen.add(room.id);
        const card = cards.get(room.id);
        if (card) card.update(room);
        else {
          const created = roomCard(room, manage, () => void load());
          cards.set(room.id, created);
          observer.observe(created.element);
        }
      }
      for (const [id, card] of [...cards]) {
        if (seen.has(id)) continue;
        observer.unobserve(card.element);
        onScreen.delete(id);
        cards.delete(id);
      }
      reconcileChildren(list, rooms.map((room) => cards.get(room.id)?.element).filter((item) => item !== undefined));
      empty.hidden = rooms.length > 0;
      readRecordings();
    } catch (error) {
      if (!disposed && error instanceof ApiError && error.status !== 401) listError.show(error.userMessage);
    }
  };

  const element = el(
    'div',
    { className: 'rooms-view' },
    manage ? newRoomForm(createdSlot, () => void load()) : null,
    createdSlot,
    el(
      'section',
      { className: 'rooms-section' },
      el('div', { className: 'section-head' }, el('h2', { i18n: 'rooms.title' }), button('rooms.refresh', () => void load(), { className: 'secondary small' })),
      listError.element,
      empty,
      list,
    ),
  );
  void load();
  const timer = window.setInterval(() => void load(), LIST_REFRESH_MS);
  const recordingTimer = window.setInterval(readRecordings, RECORDING_REFRESH_MS);
  return {
    element,
    dispose: () => {
      disposed = true;
      window.clearInterval(timer);
      window.clearInterval(recordingTimer);
      observer.disconnect();
    },
  };
}

function newRoomForm(createdSlot: HTMLElement, onCreated: () => void): HTMLElement {
  const error = new InlineError(0);
  const title = el('input', { attrs: { id: 'new-room-title', type: 'text', maxlength: '120', required: true, autocomplete: 'off' } });
  const description = el('textarea', { attrs: { id: 'new-room-description', maxlength: '2000', rows: '2' } });
  const submit = el('button', { i18n: 'rooms.create', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'new-room-form', attrs: { novalidate: true } },
    el('h2', { i18n: 'rooms.new' }),
    el('label', { i18n: 'rooms.newTitle', attrs: { for: 'new-room-title' } }),
    title,
    el('label', { i18n: 'rooms.newDescription', attrs: { for: 'new-room-description' } }),
    description,
    error.element,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const titleText = title.value.trim();
    if (!titleText) {
      title.focus();
      return;
    }
    submit.disabled = true;
    error.clear();
    authed((token) => api.createRoom(token, titleText, description.value.trim() || null))
      .then((room) => {
        title.value = '';
        description.value = '';
        createdSlot.replaceChildren(
          ingestPanel({
            message: 'rooms.created',
            title: room.title,
            viewerUrl: room.viewerUrl,
            ingest: room.ingest,
            onClose: () => createdSlot.replaceChildren(),
          }),
        );
        onCreated();
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status !== 401) error.show(failure.userMessage);
      })
      .finally(() => (submit.disabled = false));
  });
  return form;
}

/** One room in the list. Refreshes update it in place, so an open stream-settings panel stays open. */
interface RoomCard {
  element: HTMLLIElement;
  update(room: StaffRoom): void;
  /** True for an ended room whose replay state is not known yet or is still being made. */
  needsRecording(): boolean;
  /** Shows the replay state from the room's details. */
  setRecording(room: RoomInfo): void;
}

function roomCard(initial: StaffRoom, manage: boolean, reload: () => void): RoomCard {
  let room = initial;
  const status = new StatusBadge();
  const viewers = new ViewerCount();
  const titleLink = el('a', { attrs: { href: `#/rooms/${encodeURIComponent(room.id)}` } });
  const slot = el('div', { className: 'card-slot' });
  const viewerHref = new URL(room.viewerUrl, location.origin).href;
  const actions = el(
    'div',
    { className: 'room-actions' },
    el('a', { className: 'button small', i18n: 'rooms.moderate', attrs: { href: titleLink.getAttribute('href') ?? '#/' } }),
    el('a', { className: 'button small secondary', i18n: 'rooms.viewerPage', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } }),
  );
  const reportFailure = (error: unknown) => {
    if (error instanceof ApiError && error.status !== 401) toast(error.userMessage, 'error');
  };
  const showIngest = (message: 'rooms.streamSettings' | 'rooms.rotated', load: (token: string) => Promise<Ingest>) =>
    authed(load)
      .then((ingest) =>
        slot.replaceChildren(
          ingestPanel({ message, title: room.title, viewerUrl: room.viewerUrl, ingest, onClose: () => slot.replaceChildren() }),
        ),
      )
      .catch(reportFailure);
  // Only for rooms that have not ended.
  const liveOnly: HTMLButtonElement[] = [];
  if (manage) {
    const rotate = button('rooms.rotate', () => {
      // A key is usually rotated because it leaked: while someone publishes, offer to cut them off as well.
      const publishing = room.status === 'live';
      void choiceDialog(t(publishing ? 'rooms.rotateLiveConfirm' : 'rooms.rotateConfirm', { title: room.title }), [
        { key: 'mod.cancel', value: 'cancel' },
        ...(publishing ? [{ key: 'rooms.rotateOnly' as const, value: 'rotate' as const }] : []),
        {
          key: publishing ? ('rooms.rotateAndDisconnect' as const) : ('rooms.rotate' as const),
          value: publishing ? ('disconnect' as const) : ('rotate' as const),
          className: 'danger',
        },
      ]).then((choice) => {
        if (choice === 'rotate') void showIngest('rooms.rotated', (token) => api.rotateStreamKey(token, room.id));
        // The room turns interrupted at once: show it without waiting for the next refresh.
        if (choice === 'disconnect') void showIngest('rooms.rotated', (token) => api.rotateStreamKey(token, room.id, true)).then(reload);
      });
    }, { className: 'small secondary' });
    const end = button('rooms.end', () => {
      void confirmDialog(t('rooms.endConfirm', { title: room.title }), 'rooms.end', 'mod.cancel').then((yes) => {
        if (!yes) return;
        authed((token) => api.endRoom(token, room.id))
          .then(() => {
            toast(t('rooms.ended', { title: room.title }));
            reload();
          })
          .catch(reportFailure);
      });
    }, { className: 'small danger' });
    liveOnly.push(rotate, end);
    append(
      actions,
      button('rooms.streamSettings', () => void showIngest('rooms.streamSettings', (token) => api.getIngest(token, room.id)), {
        className: 'small secondary',
      }),
      rotate,
      end,
    );
  }
  const element = el(
    'li',
    { className: 'room-card', attrs: { 'data-room-id': room.id } },
    el(
      'div',
      { className: 'room-card-head' },
      el('h3', {}, titleLink),
      el(
        'div',
        { className: 'room-card-meta' },
        status.element,
        viewers.element,
        el('span', { className: 'muted', i18n: 'rooms.createdAt', params: { time: formatDateTime(room.createdAt) } }),
      ),
    ),
    actions,
    slot,
  );
  const update = (next: StaffRoom) => {
    room = next;
    titleLink.textContent = next.title;
    status.set(next.status);
    viewers.set(next.viewerCount);
    for (const action of liveOnly) action.hidden = next.status === 'ended';
    recordingState.hidden = next.status !== 'ended';
    if (next.status !== 'ended') recordingKnown = 'unknown';
  };
  // The replay: preparing NN% / ready, with a link to the viewer page / none.
  let recordingKnown: 'unknown' | 'preparing' | 'ready' | 'none' = 'unknown';
  const recordingText = el('span', { className: 'recording-text', i18n: 'rooms.replayChecking' });
  const replayLink = el('a', { className: 'recording-link', i18n: 'rooms.replayWatch', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } });
  replayLink.hidden = true;
  const recordingState = el('span', { className: 'recording-state', attrs: { 'data-recording': 'unknown' } }, recordingText, replayLink);
  recordingState.hidden = true;
  element.querySelector('.room-card-meta')?.append(recordingState);
  const setRecording = (details: RoomInfo) => {
    if (details.status !== 'ended') return;
    const state = recordingStateOf(details);
    recordingKnown = state.kind;
    recordingState.dataset['recording'] = state.kind;
    if (state.kind === 'preparing') bind(recordingText, 'rooms.replayPreparing', { n: percent(state.progress) });
    else bind(recordingText, state.kind === 'ready' ? 'rooms.replayReady' : 'rooms.replayNone');
    replayLink.hidden = state.kind !== 'ready';
  };
  update(initial);
  return {
    element,
    update,
    setRecording,
    needsRecording: () => room.status === 'ended' && (recordingKnown === 'unknown' || recordingKnown === 'preparing'),
  };
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

  const chat = new ChatList(
    moderator
      ? {
          deleteMessage: async (message) => {
            try {
              await requireHub().deleteMessage(message.id);
              chat.remove([message.id]);
            } catch (error) {
              report(error);
            }
          },
          setMuted: async (sender, muted) => {
            try {
              const participant = await requireHub().muteViewer(sender.id, muted);
              chat.setMuted(participant.id, participant.muted);
              toast(t(participant.muted ? 'mod.mutedToast' : 'mod.unmutedToast', { name: sender.displayName }));
            } catch (error) {
              report(error);
            }
          },
          setBanned: async (sender, banned) => {
            try {
              const participant = await requireHub().banViewer(sender.id, banned);
              const nowBanned = participant.banned ?? banned;
              chat.setBanned(participant.id, nowBanned);
              toast(t(nowBanned ? 'mod.bannedToast' : 'mod.unbannedToast', { name: sender.displayName }));
            } catch (error) {
              report(error);
            }
          },
        }
      : undefined,
  );
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

  // The room's "new here" wait: how long a new viewer identity waits before its first message.
  const delayInput = el('input', {
    className: 'new-viewer-delay',
    attrs: { id: 'new-viewer-delay', type: 'number', min: '0', max: '86400', step: '1', inputmode: 'numeric' },
  });
  delayInput.value = '0';
  // Disabled until the room's current wait is known, so nothing typed before is overwritten by it.
  delayInput.disabled = true;
  const delayForm = el(
    'form',
    { className: 'mod-setting' },
    el('label', { i18n: 'mod.newViewerDelay', attrs: { for: 'new-viewer-delay' } }),
    delayInput,
    el('button', { className: 'small secondary', i18n: 'mod.newViewerDelaySave', attrs: { type: 'submit' } }),
  );
  delayForm.hidden = !moderator;
  delayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const seconds = Number.parseInt(delayInput.value, 10);
    requireHub()
      .setNewViewerDelay(Number.isFinite(seconds) ? seconds : -1)
      .then((settings) => {
        delayInput.value = String(settings.newViewerDelaySeconds);
        toast(settings.newViewerDelaySeconds > 0 ? t('mod.newViewerDelaySaved', { n: settings.newViewerDelaySeconds }) : t('mod.newViewerDelayOff'));
      })
      .catch(report);
  });

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
      el('section', { className: 'mod-column mod-chat', label: 'tab.chat' }, el('h3', { i18n: 'tab.chat' }), chat.element, composer.element, delayForm),
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
      if (moderator) {
        void hub
          ?.getModeration()
          .then((settings) => {
            // After a reconnect, leave a value the moderator is typing alone.
            if (document.activeElement !== delayInput) delayInput.value = String(settings.newViewerDelaySeconds);
          })
          .catch(() => undefined)
          .finally(() => (delayInput.disabled = false));
      }
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
