import { api, ApiError } from '../shared/api';
import { button, el, InlineError } from '../shared/dom';
import { RoomConnection, hubErrorMessage } from '../shared/hub';
import { bind, createLanguageToggle, t } from '../shared/i18n';
import { Player } from '../shared/playback/player';
import { videoStateOf } from '../shared/playback/room-video';
import { ChatCatchUp } from '../shared/room/catchup';
import { ChatList } from '../shared/room/chat';
import { Composer, type ComposerOptions } from '../shared/room/composer';
import { productsApi } from '../shared/products/products-api';
import type { ProductCard } from '../shared/products/types';
import { ViewerCards } from '../shared/products/viewer-cards';
import { QuestionList } from '../shared/room/qa';
import { loadViewer, loadVotes, saveViewer, saveVotes, type StoredViewer } from '../shared/storage';
import { Tabs } from '../shared/tabs';
import { MAX_CHAT_LENGTH, MAX_QUESTION_LENGTH, type RoomInfo, type RoomSnapshot, type RoomStatus, type ViewerIdentity } from '../shared/types';
import { ConnectionIndicator, StatusBadge, ViewerCount } from '../shared/widgets';
import type { CallView } from '../shared/calls/call-view';
import { ViewerCallPanel } from './call-panel';
import { createJoinForm } from './join';
import { ContactTab } from './contact-tab';
import { ReplayCards } from './replay-cards';
import { ReplayChat } from './replay-chat';
import type { KnownRoom, RoomRead, ViewerPhase } from './state';

/** While the replay is being made. */
const PREPARING_POLL_MS = 3000;
/** While the page has no live connection (not joined yet, or reconnecting): status changes come from here. */
const DISCONNECTED_POLL_MS = 10_000;
const REFRESH_RETRY_MS = 5000;

const randomGuestName = () => `${t('join.guest')} ${String(Math.floor(1000 + Math.random() * 9000))}`;

/** A full-page message: room not found, or could not load. */
export function messagePage(titleKey: 'room.notFound' | 'room.loadFailed'): HTMLElement {
  return el(
    'main',
    { className: 'message-card', attrs: { 'data-state': titleKey === 'room.notFound' ? 'not-found' : 'load-failed' } },
    el('div', { className: 'message-toolbar' }, createLanguageToggle()),
    el('h1', { i18n: titleKey }),
    titleKey === 'room.notFound' ? el('p', { i18n: 'room.notFoundHint' }) : null,
    titleKey === 'room.loadFailed' ? button('rooms.refresh', () => location.reload()) : null,
  );
}

/** The viewer page of one room: header, video, and the chat and Q&A tabs. */
export class ViewerPage {
  readonly element: HTMLElement;
  private readonly _title = el('h1', { className: 'room-title' });
  private readonly _description = el('p', { className: 'room-description' });
  private readonly _status = new StatusBadge();
  private readonly _viewers = new ViewerCount();
  private readonly _connection = new ConnectionIndicator();
  private readonly _player = new Player();
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
  private readonly _callPanel: ViewerCallPanel;
  private readonly _contact: ContactTab;
  private readonly _cards: ViewerCards;
  private readonly _replayCards: ReplayCards;
  /** Where a private call's view goes: beside the live on wide screens, over it on phones. */
  private readonly _callSlot = el('div', { className: 'call-slot' });
  private readonly _layout: HTMLElement;
  private _replayChat: ReplayChat | null = null;
  private _known: KnownRoom;
  private _read: RoomRead = { kind: 'idle' };
  private _phase: ViewerPhase = { kind: 'arriving' };
  private _pollTimer: number | undefined;
  private _votes = new Set<string>();

  constructor(
    private readonly _roomId: string,
    room: RoomInfo,
    /** The room is gone (found out while joining): the page shows "not found" instead. */
    private readonly _onGone: () => void,
  ) {
    this._known = { kind: 'fresh', room };
    this._chatCatchUp = new ChatCatchUp(_roomId, this._chat);
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
      describeError: hubErrorMessage,
      upvote: async (question) => {
        const updated = await this._requireHub().upvoteQuestion(question.id);
        this._votes.add(question.id);
        if (this._phase.kind === 'joined') saveVotes(this._roomId, this._phase.viewer.viewerId, this._votes);
        this._questions.upsert([updated]);
      },
    });

    const chatPanel = el('div', { className: 'chat-panel' }, this._chat.element, this._me, this._chatComposer.element);
    this._chatPanel = chatPanel;
    const qaPanel = el('div', { className: 'qa-panel' }, this._askComposer.element, this._questions.element);
    this._contact = new ContactTab(_roomId);
    this._cards = new ViewerCards({
      position: () => {
        const position = this._player.livePosition();
        // Nothing live plays (a room not live yet): nothing to wait for.
        return position.kind === 'unknown' && this._room.status !== 'live' ? { kind: 'clockless' } : position;
      },
      opened: (card) => this._cardOpened(card),
    });
    this._player.addLayer(this._cards.overlay);
    this._replayCards = new ReplayCards(_roomId, this._cards);
    this._tabs = new Tabs(
      [
        { id: 'chat', label: 'tab.chat', panel: chatPanel },
        { id: 'qa', label: 'tab.qa', panel: qaPanel },
        { id: 'products', label: 'tab.products', panel: this._cards.shelf },
        { id: 'contact', label: 'tab.contact', panel: this._contact.element },
      ],
      'tabs.label',
    );
    // The contact tab shows once the room's form or its private channel is known to be offered.
    this._tabs.setHidden('contact', true);
    this._contact.onAvailable = (available) => this._tabs.setHidden('contact', !available);
    this._questions.onCountChange = (open) => this._tabs.setBadge('qa', open);

    const header = el(
      'header',
      { className: 'room-header' },
      el('div', { className: 'room-heading' }, this._title, el('div', { className: 'room-meta' }, this._status.element, this._viewers.element, this._connection.element)),
      createLanguageToggle(),
    );
    this._callPanel = new ViewerCallPanel(_roomId, { callChanged: (view) => this._showCall(view) });
    this._callSlot.hidden = true;
    const stage = el(
      'div',
      { className: 'stage' },
      el('div', { className: 'stage-main' }, this._player.element, this._callPanel.element, this._description),
      this._callSlot,
    );
    this._layout = el('div', { className: 'viewer-layout' }, header, stage, this._panel);
    this.element = this._layout;
    this._renderRoom();
  }

  private get _room(): RoomInfo {
    return this._known.room;
  }

  begin(): void {
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
    if (this._phase.kind === 'makingGuest' || this._phase.kind === 'joined') return;
    const stored = loadViewer(this._roomId);
    if (stored) {
      this._connect(stored);
      return;
    }
    this._phase = { kind: 'makingGuest' };
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
    if (this._read.kind === 'reading') {
      this._read = { kind: 'reading', again: true };
      return;
    }
    this._read = { kind: 'reading', again: false };
    window.clearTimeout(this._pollTimer);
    api
      .getRoom(this._roomId)
      .then((room) => {
        this._known = { kind: 'fresh', room };
        this._renderRoom();
      })
      .catch(() => {
        window.clearTimeout(this._pollTimer);
        this._pollTimer = window.setTimeout(() => this._refresh(), REFRESH_RETRY_MS);
      })
      .finally(() => {
        const again = this._read.kind === 'reading' && this._read.again;
        this._read = { kind: 'idle' };
        if (again) this._refresh();
      });
  }

  private _schedulePoll(): void {
    window.clearTimeout(this._pollTimer);
    const connected = this._phase.kind === 'joined' && this._phase.connection === 'connected';
    let delay: number | null = null;
    if (this._known.kind === 'stale') delay = 0;
    else if (this._player.state?.kind === 'preparing') delay = PREPARING_POLL_MS;
    else if (this._room.status !== 'ended' && !connected) delay = DISCONNECTED_POLL_MS;
    if (delay !== null) this._pollTimer = window.setTimeout(() => this._refresh(), delay);
  }

  private _onStatusEvent(status: RoomStatus): void {
    if (status !== this._room.status) {
      this._known = { kind: 'stale', room: { ...this._room, status } };
      this._renderStatus();
    }
    // The event carries only the status: playback and recording details come with the room.
    this._refresh();
  }

  private _requireHub(): RoomConnection {
    if (this._phase.kind !== 'joined') throw new Error(t('error.notConnected'));
    return this._phase.hub;
  }

  /** A composer whose text `send` takes to the hub; a refusal is shown in the hub's own words. */
  private _hubComposer(
    options: Omit<ComposerOptions, 'onSubmit' | 'describeError'>,
    send: (hub: RoomConnection, text: string) => Promise<void>,
  ): Composer {
    return new Composer({ ...options, describeError: hubErrorMessage, onSubmit: (text) => send(this._requireHub(), text) });
  }

  /** Shows the room as now known: title, description, viewer count, and everything its status decides. */
  private _renderRoom(): void {
    const room = this._room;
    this._title.textContent = room.title;
    document.title = `${room.title} · LiveRoom`;
    this._description.textContent = room.description ?? '';
    this._description.hidden = !room.description;
    this._viewers.set(room.viewerCount);
    this._renderStatus();
  }

  private _renderStatus(): void {
    const status = this._room.status;
    this._status.set(status);
    const video = videoStateOf(this._room, this._known.kind === 'fresh');
    this._player.show(video);
    const ended = status === 'ended';
    this._chatComposer.setDisabled(ended ? 'composer.ended' : null);
    this._askComposer.setDisabled(ended ? 'composer.ended' : null);
    this._questions.setReadOnly(ended);
    this._me.hidden = ended;
    this._chat.setEmptyMessage(ended ? 'chat.emptyEnded' : 'chat.empty');
    document.body.dataset['roomStatus'] = status;
    if (ended) this._callPanel.roomEnded();
    else this._updateCallOpen();
    if (video.kind === 'replay') this._showReplayChat();
    // The room ended while the visitor was choosing a name: no name is needed any more.
    if (ended && this._phase.kind === 'naming') this._joinEndedRoom();
    this._schedulePoll();
  }

  /** The chat tab follows the replay's playhead instead of the (finished) live chat. */
  private _showReplayChat(): void {
    const liveSince = this._room.liveSince ?? this._room.createdAt;
    if (!this._replayChat) {
      const replay = new ReplayChat(this._roomId);
      this._replayChat = replay;
      replay.setMe(this._phase.kind === 'joined' ? this._phase.viewer.viewerId : null);
      this._chat.element.hidden = true;
      this._chatPanel.insertBefore(replay.element, this._chat.element);
      this._player.onReplayTime = (seconds) => {
        replay.seek(seconds);
        this._cards.replayTime(seconds);
      };
    }
    this._replayChat.load(liveSince, this._room.recording?.segments);
    this._replayCards.load(liveSince, this._room.recording?.segments);
  }

  /** A viewer opened a card's link: counted for the room (the link itself opens in a new tab). */
  private _cardOpened(card: ProductCard): void {
    if (this._phase.kind !== 'joined') return;
    void productsApi.click(this._phase.viewer.accessToken, this._roomId, card.productId).catch(() => undefined);
  }

  private _showJoinForm(suggestedName: string): void {
    this._phase = { kind: 'naming' };
    const form = createJoinForm(suggestedName, (name) =>
      api
        .createViewer(this._roomId, name)
        .then((identity) => this._connectAs(identity))
        .catch((failure: unknown) => {
          // The room is gone: nothing to join any more.
          if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
          this._onGone();
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
    this._votes = loadVotes(this._roomId, viewer.viewerId);
    this._chat.setMe(viewer.viewerId);
    bind(this._me, 'join.you', { name: viewer.displayName });
    this._replayChat?.setMe(viewer.viewerId);
    this._showPanels();
    const isCurrent = () => this._phase.kind === 'joined' && this._phase.hub === hub;
    const hub: RoomConnection = new RoomConnection(this._roomId, () => viewer.accessToken, {
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
        if (isCurrent() && this._phase.kind === 'joined') this._phase = { ...this._phase, connection: state };
        this._connection.set(state);
        if (state === 'connected') this._panelError.clear();
        this._updateCallOpen();
        this._schedulePoll();
      },
      joinFailed: (message) => this._panelError.show(message),
      unauthorized: () => {
        // The stored identity is no longer accepted: forget it and ask for a name again (an ended room needs none).
        saveViewer(this._roomId, null);
        this._callPanel.detach();
        this._callPanel.setOpen(false);
        this._phase = { kind: 'arriving' };
        if (this._room.status === 'ended') this._joinEndedRoom();
        else this._showJoinForm(viewer.displayName);
      },
    });
    hub.on('cardShown', (cards: ProductCard[]) => this._cards.shown(cards));
    this._phase = { kind: 'joined', viewer, hub, connection: 'disconnected' };
    this._callPanel.attach(hub, viewer.viewerId);
    this._contact.attach(() => viewer.accessToken);
    void hub.start();
  }

  private _onSnapshot(snapshot: RoomSnapshot): void {
    this._known = { kind: 'fresh', room: { ...snapshot.room, viewerCount: snapshot.viewerCount } };
    this._renderRoom();
    if (snapshot.me) {
      this._chat.setMe(snapshot.me.id);
      bind(this._me, 'join.you', { name: snapshot.me.displayName });
    }
    // The server's limits, where it says them (older servers do not): the defaults otherwise.
    this._chatComposer.setMaxLength(snapshot.limits?.maxMessageLength ?? MAX_CHAT_LENGTH);
    this._askComposer.setMaxLength(snapshot.limits?.maxQuestionLength ?? MAX_QUESTION_LENGTH);
    this._chatCatchUp.apply(snapshot.recentChat);
    this._questions.reset(snapshot.questions);
    // An ended room's cards follow the replay's playhead instead (see `_loadReplayCards`).
    if (snapshot.room.status !== 'ended') this._cards.snapshot(snapshot.shelf ?? []);
    this._panelError.clear();
    // Joined again after a drop: a call in progress goes on over the new connection.
    this._callPanel.rejoined();
  }

  /** "Talk privately" is offered while joined and connected to a room that is live (or briefly interrupted). */
  private _updateCallOpen(): void {
    const status = this._room.status;
    const connected = this._phase.kind === 'joined' && this._phase.connection === 'connected';
    this._callPanel.setOpen(connected && (status === 'live' || status === 'interrupted'));
  }

  /** A private call opened (its view) or closed (null): the layout makes room for it and the live goes quiet. */
  private _showCall(view: CallView | null): void {
    this._callSlot.replaceChildren(...(view ? [view.element] : []));
    this._callSlot.hidden = view === null;
    this._layout.classList.toggle('in-call', view !== null);
    this._player.setDucked(view !== null);
  }
}
