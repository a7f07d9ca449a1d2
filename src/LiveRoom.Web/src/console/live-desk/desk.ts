import { api, ApiError } from '../../shared/api';
import { append, el, InlineError, toast } from '../../shared/dom';
import { RoomConnection, hubErrorMessage } from '../../shared/hub';
import { t } from '../../shared/i18n';
import { Player } from '../../shared/playback/player';
import { videoStateOf } from '../../shared/playback/room-video';
import { ChatList } from '../../shared/room/chat';
import { Composer } from '../../shared/room/composer';
import { QuestionList } from '../../shared/room/qa';
import { canManageRooms, canMarket, canModerate, MAX_ANSWER_LENGTH, MAX_CHAT_LENGTH, type RoomInfo, type RoomStatus } from '../../shared/types';
import { ConnectionIndicator, StatusBadge, ViewerCount } from '../../shared/widgets';
import { streamKeyButtons } from '../components/ingest';
import { formatHash, HOME } from '../routes';
import type { PageContext, Unmount } from '../workspace';
import { chatModeration, NewViewerDelayForm } from './moderation';
import { ProductsPanel } from './products-panel';

/** While the preview waits for the replay to be made. */
const PREPARING_POLL_MS = 3000;

/**
 * The desk's knowledge of its room. `joining` until the hub's first snapshot; `stale` after a status
 * event (which carries only the status) until the room is read again for its playback details.
 */
export type DeskState =
  | { kind: 'joining' }
  | { kind: 'fresh'; room: RoomInfo }
  | { kind: 'stale'; room: RoomInfo };

/**
 * One room's live desk (#/live/{roomId}): a muted preview of what viewers see, the stream settings, and
 * the moderation of its chat and questions.
 */
export function mountDesk(container: HTMLElement, context: PageContext, roomId: string): Unmount {
  const user = context.user;
  const moderator = canModerate(user.role);
  const title = el('h2', { className: 'room-title', i18n: 'loading' });
  const status = new StatusBadge();
  const viewers = new ViewerCount();
  const connection = new ConnectionIndicator();
  const joinError = new InlineError(0);
  const preview = new Player('desk.preview');
  let state: DeskState = { kind: 'joining' };
  let hub: RoomConnection | null = null;
  let pollTimer: number | undefined;
  let disposed = false;
  const requireHub = () => {
    if (!hub) throw new Error(t('error.notConnected'));
    return hub;
  };
  const report = (error: unknown) => toast(hubErrorMessage(error), 'error');

  const chat: ChatList = new ChatList(moderator ? chatModeration(() => chat, requireHub, report) : undefined);
  chat.setMe(user.id);
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

  const viewerPath = `/r/${encodeURIComponent(roomId)}`;
  const viewerHref = new URL(viewerPath, location.origin).href;
  const ingestSlot = el('div', { className: 'desk-ingest' });
  const streamTools = el('div', { className: 'desk-tools' });
  const rotateOnlyWhileOpen: HTMLButtonElement[] = [];
  if (canManageRooms(user.role)) {
    const keys = streamKeyButtons({
      room: () => {
        const room = state.kind === 'joining' ? null : state.room;
        return { id: roomId, title: room?.title ?? '', status: room?.status ?? 'scheduled', viewerUrl: viewerPath };
      },
      slot: ingestSlot,
      authed: context.authed,
      reportFailure: (error) => {
        if (error instanceof ApiError && error.status !== 401) toast(error.userMessage, 'error');
      },
      reload: () => refresh(),
    });
    rotateOnlyWhileOpen.push(keys.rotate);
    append(streamTools, keys.settings, keys.rotate);
  }
  streamTools.hidden = streamTools.childElementCount === 0;
  const products = new ProductsPanel(roomId, context.authed, canMarket(user.role));
  products.load();

  container.append(
    el(
      'div',
      { className: 'moderation-view live-desk', attrs: { 'data-room-id': roomId } },
      el(
        'div',
        { className: 'mod-head' },
        el('a', { className: 'back', i18n: 'mod.back', attrs: { href: formatHash(HOME) } }),
        title,
        el('div', { className: 'room-meta' }, status.element, viewers.element, connection.element),
        el('a', { className: 'button small secondary', i18n: 'rooms.viewerPage', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } }),
      ),
      joinError.element,
      el(
        'div',
        { className: 'mod-grid' },
        el('section', { className: 'mod-column desk-stage' }, preview.element, streamTools, ingestSlot, products.element),
        el('section', { className: 'mod-column mod-chat', label: 'tab.chat' }, el('h3', { i18n: 'tab.chat' }), chat.element, composer.element, delayForm.element),
        el('section', { className: 'mod-column mod-qa', label: 'tab.qa' }, el('h3', {}, el('span', { i18n: 'tab.qa' }), qaCount), questions.element),
      ),
    ),
  );

  /** Shows the room as the desk now knows it: title, status, the preview, what an ended room allows. */
  const render = (next: DeskState) => {
    state = next;
    window.clearTimeout(pollTimer);
    if (next.kind === 'joining') return;
    const room = next.room;
    title.removeAttribute('data-i18n');
    title.textContent = room.title;
    context.setTitle(room.title);
    status.set(room.status);
    composer.setDisabled(room.status === 'ended' ? 'composer.ended' : null);
    for (const action of rotateOnlyWhileOpen) action.hidden = room.status === 'ended';
    const video = videoStateOf(room, next.kind === 'fresh');
    preview.show(video);
    if (video.kind === 'preparing') pollTimer = window.setTimeout(refresh, PREPARING_POLL_MS);
  };

  /** Reads the room again (`GET /api/rooms/{id}`) for its playback and recording details. */
  const refresh = () => {
    api
      .getRoom(roomId)
      .then((room) => {
        if (!disposed) render({ kind: 'fresh', room });
      })
      .catch(() => undefined);
  };

  const onStatus = (value: RoomStatus) => {
    if (state.kind !== 'joining' && value !== state.room.status) render({ kind: 'stale', room: { ...state.room, status: value } });
    refresh();
  };

  hub = new RoomConnection(roomId, () => context.accessToken(), {
    snapshot: (snapshot) => {
      render({ kind: 'fresh', room: snapshot.room });
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
    roomStatus: onStatus,
    state: (value) => connection.set(value),
    joinFailed: (message) => joinError.show(message),
    unauthorized: () => context.sessionExpired(),
  });
  void hub.start();

  return () => {
    disposed = true;
    window.clearTimeout(pollTimer);
    preview.dispose();
    const closing = hub;
    hub = null;
    void closing?.stop();
  };
}
