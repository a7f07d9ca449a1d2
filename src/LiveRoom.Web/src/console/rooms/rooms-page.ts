import { api, ApiError, type Authed } from '../../shared/api';
import { append, button, confirmDialog, el, formatDateTime, InlineError, reconcileChildren, toast } from '../../shared/dom';
import { ingestPanel, streamKeyButtons } from './ingest';
import { bind, t } from '../../shared/i18n';
import { percent, recordingStateOf } from '../../shared/recording';
import type { RoomInfo, StaffRoom } from '../../shared/types';
import { StatusBadge, ViewerCount } from '../../shared/widgets';

// The staff console's room list (#/): new-room form, room cards, replay state of ended rooms.

const LIST_REFRESH_MS = 15_000;
/** How often the replay state of a visible ended room is re-read while its recording is being made. */
const RECORDING_REFRESH_MS = 3000;

/** A view owns what it started (timers, hub connections) and gives it back when left. */
export interface View {
  element: HTMLElement;
  dispose(): void;
}

/** The list of rooms; `manage` adds the new-room form and each room's stream and end controls. */
export function roomsView(authed: Authed, manage: boolean): View {
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
          const created = roomCard(room, manage, authed, () => void load());
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
    manage ? newRoomForm(authed, createdSlot, () => void load()) : null,
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

function newRoomForm(authed: Authed, createdSlot: HTMLElement, onCreated: () => void): HTMLElement {
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

function roomCard(initial: StaffRoom, manage: boolean, authed: Authed, reload: () => void): RoomCard {
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
  // Only for rooms that have not ended.
  const liveOnly: HTMLButtonElement[] = [];
  if (manage) {
    const keys = streamKeyButtons({ room: () => room, slot, authed, reportFailure, reload });
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
    liveOnly.push(keys.rotate, end);
    append(actions, keys.settings, keys.rotate, end);
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
