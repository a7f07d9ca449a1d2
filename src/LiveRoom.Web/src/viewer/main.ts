import '../shared/styles/base.css';
import './viewer.css';
import { api, ApiError } from '../shared/api';
import { ChatCatchUp } from '../shared/room/catchup';
import { ChatList } from '../shared/room/chat';
import { createJoinForm } from './join';
import { Composer, type ComposerOptions } from '../shared/room/composer';
import { button, el, InlineError } from '../shared/dom';
import { RoomConnection, hubErrorMessage, type ConnectionState } from '../shared/hub';
import { applyTranslations, bind, createLanguageToggle, t } from '../shared/i18n';
import { QuestionList } from '../shared/room/qa';
import { recordingStateOf } from '../shared/recording';
import { ReplayChat } from './replay-chat';
import { loadViewer, loadVotes, saveViewer, saveVotes, type StoredViewer } from '../shared/storage';
import { Tabs } from '../shared/tabs';
import { MAX_CHAT_LENGTH, MAX_QUESTION_LENGTH, type RoomInfo, type RoomSnapshot, type RoomStatus, type ViewerIdentity } from '../shared/types';
import { VideoArea, type VideoState } from '../shared/playback/player';
import { ConnectionIndicator, StatusBadge, ViewerCount } from '../shared/widgets';

// The viewer page, served at /r/{roomId}.

const app = document.getElementById('app') as HTMLElement;

/** The room id from a path such as /r/abc123 (a trailing slash or sub-path is tolerated). */
function roomIdFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/]+)/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** While the replay is being made. */
const PREPARING_POLL_MS = 3000;
/** While the page has no live connection (not joined yet, or reconnecting): status changes come from here. */
const DISCONNECTED_POLL_MS = 10_000;
const REFRESH_RETRY_MS = 5000;

/**
 * What the video area shows for a room. `fresh` says whether `room` came from the server after its
 * last status change (a status event carries only the status: recording details follow a re-fetch).
 */
function videoStateOf(room: RoomInfo, fresh: boolean): VideoState {
  switch (room.status) {
    case 'scheduled':
      return { kind: 'scheduled' };
    case 'live':
      return { kind: 'live', playback: room.playback };
    case 'interrupted':
      return { kind: 'interrupted', playback: room.playback };
    case 'ended': {
      const recording = recordingStateOf(room);
      if (recording.kind === 'ready') return { kind: 'replay', recording: recording.recording };
      if (!fresh) return { kind: 'ended' };
      return recording.kind === 'preparing' ? { kind: 'preparing', progress: recording.progress } : { kind: 'noReplay' };
    }
  }
}

const randomGuestName = () => `${t('join.guest')} ${String(Math.floor(1000 + Math.random() * 9000))}`;

/** A full-page message: room not found, or could not load. */
function showMessagePage(titleKey: 'room.notFound' | 'room.loadFailed', hintKey: 'room.notFoundHint' | null): void {
  document.body.classList.add('message-page');
  app.replaceChildren(
    el(
      'main',
      { className: 'message-card', attrs: { 'data-state': titleKey === 'room.notFound' ? 'not-found' : 'load-failed' } },
      el('div', { className: 'message-toolbar' }, createLanguageToggle()),
      el('h1', { i18n: titleKey }),
      hintKey ? el('p', { i18n: hintKey }) : null,
      titleKey === 'room.loadFailed' ? button('rooms.refresh', () => location.reload()) : null,
    ),
  );
}

class ViewerPage {
  readonly element: HTMLElement;
  private readonly _title = el('h1', { className: 'room-title' });
  private readonly _description = el('p', { className: 'room-description' });
  private readonly _status = new StatusBadge();
  private readonly _viewers = new ViewerCount();
  private readonly _connection = new ConnectionIndicator();
  private readonly _video = new VideoArea();
  private readonly _panel = el('section', { className: 'panel' });
  private readonly _panelError = new InlineError(0);
  private readonly _chat = new ChatList();
  private readonly _chatCatchUp: ChatCatchUp;
  private readonly _questions: QuestionList;
  private readonly _chatComposer: Composer;
  private readonly _askComposer: Composer;
  private readonly _me = el('p', { className: 'me' });
  private readonly _tabs: Tabs;
  private readonly _chatPanel: HTMLElement;
  private _replayChat: ReplayChat | null = null;
  private _room: RoomInfo;
  private _fresh = true;
  private _refreshing = false;
  private _refreshAgain = false;
  private _pollTimer: number | undefined;
  private _hubState: ConnectionState = 'disconnected';
  private _endedJoinStarted = false;
  private _begun = false;
  private _viewer: StoredViewer | null = null;
  private _votes = new Set<string>();
  private _hub: RoomConnection | null = null;

  constructor(private readonly _roomId: string, room: RoomInfo) {
    this._room = room;
    this._chatCatchUp = new ChatCatchUp(_roomId, this._chat);
    const describeError = (error: unknown) => hubErrorMessage(error);
    this._chatComposer = this._hubComposer(
      { label: 'chat.label', placeholder: 'chat.placeholder', submit: 'chat.send', maxLength: MAX_CHAT_LENGTH, className: 'chat-composer' },
      async (hub, text) => this._chat.add([await hub.sendChat(text)]),
    );
    this._askComposer = this._hubComposer(
      { label: 'qa.label', placeholder: 'qa.placeholder', submit: 'qa.ask', maxLength: MAX_QUESTION_LENGTH, className: 'ask-composer' },
      async (hub, text) => this._questions.upsert([await hub.askQuestion(text)]),
    );
    this._questions = new QuestionList({
      kind: 'viewer',
      hasVoted: (id) => this._votes.has(id),
      describeError,
      upvote: async (question) => {
        const updated = await this._requireHub().upvoteQuestion(question.id);
        this._votes.add(question.id);
        if (this._viewer) saveVotes(this._roomId, this._viewer.viewerId, this._votes);
        this._questions.upsert([updated]);
      },
    });

    const chatPanel = el('div', { className: 'chat-panel' }, this._chat.element, this._me, this._chatComposer.element);
    this._chatPanel = chatPanel;
    const qaPanel = el('div', { className: 'qa-panel' }, this._askComposer.element, this._questions.element);
    this._tabs = new Tabs(
      [
        { id: 'chat', label: 'tab.chat', panel: chatPanel },
        { id: 'qa', label: 'tab.qa', panel: qaPanel },
      ],
      'tabs.label',
    );
    this._questions.onCountChange = (open) => this._tabs.setBadge('qa', open);

    const header = el(
      'header',
      { className: 'room-header' },
      el('div', { className: 'room-heading' }, this._title, el('div', { className: 'room-meta' }, this._status.element, this._viewers.element, this._connection.element)),
      createLanguageToggle(),
    );
    const stage = el('div', { className: 'stage' }, this._video.element, this._description);
    this.element = el('div', { className: 'viewer-layout' }, header, stage, this._panel);
    this._renderRoom(room);
  }

  async begin(): Promise<void> {
    this._begun = true;
    if (this._room.status === 'ended') {
      this._joinEndedRoom();
      return;
    }
    const stored = loadViewer(this._roomId);
    if (stored) this._connect(stored);
    else this._showJoinForm(randomGuestName());
  }

  /**
   * An ended room needs no name: the replay and its chat come over HTTP. The questions come with the
   * hub's snapshot, so the page joins with the identity it has, or quietly makes a guest one.
   */
  private _joinEndedRoom(): void {
    if (this._endedJoinStarted || this._hub) return;
    this._endedJoinStarted = true;
    const stored = loadViewer(this._roomId);
    if (stored) {
      this._connect(stored);
      return;
    }
    this._showPanels();
    api
      .createViewer(this._roomId, randomGuestName())
      .then((identity) => this._connectAs(identity))
      .catch((failure: unknown) => this._panelError.show(failure instanceof ApiError ? failure.userMessage : t('error.generic')));
  }

  private _showPanels(): void {
    if (this._panel.firstChild === this._tabs.tabList) return;
    this._panel.replaceChildren(this._tabs.tabList, this._panelError.element, this._tabs.panels);
  }

  /** Re-reads the room (`GET /api/rooms/{id}`): after a status event, while the replay is made, or while not connected. */
  private _refresh(): void {
    if (this._refreshing) {
      this._refreshAgain = true;
      return;
    }
    this._refreshing = true;
    window.clearTimeout(this._pollTimer);
    api
      .getRoom(this._roomId)
      .then((room) => {
        this._fresh = true;
        this._renderRoom(room);
      })
      .catch(() => {
        window.clearTimeout(this._pollTimer);
        this._pollTimer = window.setTimeout(() => this._refresh(), REFRESH_RETRY_MS);
      })
      .finally(() => {
        this._refreshing = false;
        if (this._refreshAgain) {
          this._refreshAgain = false;
          this._refresh();
        }
      });
  }

  private _schedulePoll(): void {
    window.clearTimeout(this._pollTimer);
    const state = this._video.state;
    let delay: number | null = null;
    if (!this._fresh) delay = 0;
    else if (state?.kind === 'preparing') delay = PREPARING_POLL_MS;
    else if (this._room.status !== 'ended' && this._hubState !== 'connected') delay = DISCONNECTED_POLL_MS;
    if (delay !== null) this._pollTimer = window.setTimeout(() => this._refresh(), delay);
  }

  private _onStatusEvent(status: RoomStatus): void {
    if (status !== this._room.status) {
      this._fresh = false;
      this._setStatus(status);
    }
    // The event carries only the status: playback and recording details come with the room.
    this._refresh();
  }

  private _requireHub(): RoomConnection {
    if (!this._hub) throw new Error(t('error.notConnected'));
    return this._hub;
  }

  /** A composer whose text `send` takes to the hub; a refusal is shown in the hub's own words. */
  private _hubComposer(
    options: Omit<ComposerOptions, 'onSubmit' | 'describeError'>,
    send: (hub: RoomConnection, text: string) => Promise<void>,
  ): Composer {
    return new Composer({ ...options, describeError: hubErrorMessage, onSubmit: (text) => send(this._requireHub(), text) });
  }

  private _renderRoom(room: RoomInfo): void {
    this._room = room;
    this._title.textContent = room.title;
    document.title = `${room.title} · LiveRoom`;
    this._description.textContent = room.description ?? '';
    this._description.hidden = !room.description;
    this._viewers.set(room.viewerCount);
    this._setStatus(room.status);
  }

  private _setStatus(status: RoomStatus): void {
    this._room = { ...this._room, status };
    this._status.set(status);
    const video = videoStateOf(this._room, this._fresh);
    this._video.show(video);
    const ended = status === 'ended';
    this._chatComposer.setDisabled(ended ? 'composer.ended' : null);
    this._askComposer.setDisabled(ended ? 'composer.ended' : null);
    this._questions.setReadOnly(ended);
    this._me.hidden = ended;
    this._chat.setEmptyMessage(ended ? 'chat.emptyEnded' : 'chat.empty');
    document.body.dataset['roomStatus'] = status;
    if (video.kind === 'replay') this._showReplayChat();
    if (ended && this._begun && !this._hub && this._viewer === null) this._joinEndedRoom();
    this._schedulePoll();
  }

  /** The chat tab follows the replay's playhead instead of the (finished) live chat. */
  private _showReplayChat(): void {
    const liveSince = this._room.liveSince ?? this._room.createdAt;
    if (!this._replayChat) {
      const replay = new ReplayChat(this._roomId);
      this._replayChat = replay;
      replay.setMe(this._viewer?.viewerId ?? null);
      this._chat.element.hidden = true;
      this._chatPanel.insertBefore(replay.element, this._chat.element);
      this._video.onReplayTime = (seconds) => replay.seek(seconds);
    }
    this._replayChat.load(liveSince, this._room.recording?.segments);
  }

  private _showJoinForm(suggestedName: string): void {
    const form = createJoinForm(suggestedName, (name) =>
      api
        .createViewer(this._roomId, name)
        .then((identity) => this._connectAs(identity))
        .catch((failure: unknown) => {
          // The room is gone: nothing to join any more.
          if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
          showMessagePage('room.notFound', 'room.notFoundHint');
        }),
    );
    this._panel.replaceChildren(form.element);
    this._connection.set('disconnected');
    form.focus();
  }

  /** A new identity (`POST /api/rooms/{id}/viewers`): kept for this room, then used to join. */
  private _connectAs(identity: ViewerIdentity): void {
    const viewer: StoredViewer = {
      viewerId: identity.viewerId,
      accessToken: identity.accessToken,
      displayName: identity.displayName,
      ...(identity.expiresIn ? { expiresAt: Date.now() + identity.expiresIn * 1000 } : {}),
    };
    saveViewer(this._roomId, viewer);
    this._connect(viewer);
  }

  private _connect(viewer: StoredViewer): void {
    this._viewer = viewer;
    this._votes = loadVotes(this._roomId, viewer.viewerId);
    this._chat.setMe(viewer.viewerId);
    bind(this._me, 'join.you', { name: viewer.displayName });
    this._replayChat?.setMe(viewer.viewerId);
    this._showPanels();
    this._hub = new RoomConnection(this._roomId, () => viewer.accessToken, {
      snapshot: (snapshot) => this._onSnapshot(snapshot),
      chat: (messages) => this._chat.add(messages),
      chatDeleted: (ids) => {
        this._chat.remove(ids);
        this._replayChat?.remove(ids);
      },
      questions: (questions) => this._questions.upsert(questions),
      viewers: (count) => this._viewers.set(count),
      roomStatus: (status) => this._onStatusEvent(status),
      state: (state) => {
        this._hubState = state;
        this._connection.set(state);
        if (state === 'connected') this._panelError.clear();
        this._schedulePoll();
      },
      joinFailed: (message) => this._panelError.show(message),
      unauthorized: () => {
        // The stored identity is no longer accepted: forget it and ask for a name again.
        saveViewer(this._roomId, null);
        this._hub = null;
        this._viewer = null;
        this._hubState = 'disconnected';
        if (this._room.status === 'ended') {
          this._endedJoinStarted = false;
          this._joinEndedRoom();
        } else {
          this._showJoinForm(viewer.displayName);
        }
      },
    });
    void this._hub.start();
  }

  private _onSnapshot(snapshot: RoomSnapshot): void {
    this._fresh = true;
    this._renderRoom({ ...snapshot.room, viewerCount: snapshot.viewerCount });
    if (snapshot.me) {
      this._chat.setMe(snapshot.me.id);
      bind(this._me, 'join.you', { name: snapshot.me.displayName });
    }
    // The server's limits, where it says them (older servers do not): the defaults otherwise.
    this._chatComposer.setMaxLength(snapshot.limits?.maxMessageLength ?? MAX_CHAT_LENGTH);
    this._askComposer.setMaxLength(snapshot.limits?.maxQuestionLength ?? MAX_QUESTION_LENGTH);
    this._chatCatchUp.apply(snapshot.recentChat);
    this._questions.reset(snapshot.questions);
    this._panelError.clear();
  }
}

async function main(): Promise<void> {
  applyTranslations(document);
  const roomId = roomIdFromPath(location.pathname);
  if (!roomId) {
    showMessagePage('room.notFound', 'room.notFoundHint');
    return;
  }
  let room: RoomInfo;
  try {
    room = await api.getRoom(roomId);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) showMessagePage('room.notFound', 'room.notFoundHint');
    else showMessagePage('room.loadFailed', null);
    return;
  }
  const page = new ViewerPage(roomId, room);
  app.replaceChildren(page.element);
  await page.begin();
}

void main();
