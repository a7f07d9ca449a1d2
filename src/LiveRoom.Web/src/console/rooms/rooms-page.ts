import { api, ApiError } from '../../shared/api';
import { button, el, InlineError, reconcileChildren } from '../../shared/dom';
import type { StaffRoom } from '../../shared/types';
import type { PageContext, Unmount } from '../workspace';
import { newRoomForm } from './new-room-form';
import { roomCard, type RoomCard } from './room-card';

// The Rooms page (#/rooms): the new-room form, the room cards, the replay state of ended rooms.

const LIST_REFRESH_MS = 15_000;
/** How often the replay state of a visible ended room is re-read while its recording is being made. */
const RECORDING_REFRESH_MS = 3000;

/**
 * What the list shows. A failed refresh keeps the rooms it showed before, under the error; a 401 is not
 * an error here (the console signs out).
 */
export type RoomsState =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'ready'; rooms: readonly StaffRoom[] }
  | { kind: 'error'; message: string; rooms: readonly StaffRoom[] };

/** The list of rooms; staff who manage rooms also get the new-room form and each room's stream and end controls. */
export function mountRooms(container: HTMLElement, context: PageContext, manage: boolean): Unmount {
  const { authed } = context;
  const list = el('ul', { className: 'room-list', label: 'rooms.list' });
  const loading = el('p', { className: 'muted rooms-loading', i18n: 'loading' });
  const empty = el('p', { className: 'empty-state', i18n: 'rooms.empty' });
  const listError = new InlineError(0);
  const createdSlot = el('div', { className: 'created-slot' });
  let disposed = false;
  let state: RoomsState = { kind: 'loading' };

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

  /** Keeps one card per room, updated in place (an open stream-settings panel stays open). */
  const syncCards = (rooms: readonly StaffRoom[]) => {
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
  };

  const render = (next: RoomsState) => {
    state = next;
    loading.hidden = next.kind !== 'loading';
    empty.hidden = next.kind !== 'empty';
    if (next.kind === 'error') listError.show(next.message);
    else listError.clear();
    syncCards(next.kind === 'ready' || next.kind === 'error' ? next.rooms : []);
    readRecordings();
  };

  const load = async () => {
    try {
      const rooms = await authed((token) => api.listRooms(token));
      if (disposed) return;
      render(rooms.length > 0 ? { kind: 'ready', rooms } : { kind: 'empty' });
    } catch (error) {
      if (disposed || !(error instanceof ApiError) || error.status === 401) return;
      render({ kind: 'error', message: error.userMessage, rooms: state.kind === 'ready' || state.kind === 'error' ? state.rooms : [] });
    }
  };

  container.append(
    el(
      'div',
      { className: 'rooms-view' },
      manage ? newRoomForm(authed, createdSlot, () => void load()) : null,
      createdSlot,
      el(
        'section',
        { className: 'rooms-section' },
        el('div', { className: 'section-head' }, el('h2', { i18n: 'rooms.title' }), button('rooms.refresh', () => void load(), { className: 'secondary small' })),
        listError.element,
        loading,
        empty,
        list,
      ),
    ),
  );
  render(state);
  void load();
  const timer = window.setInterval(() => void load(), LIST_REFRESH_MS);
  const recordingTimer = window.setInterval(readRecordings, RECORDING_REFRESH_MS);
  return () => {
    disposed = true;
    window.clearInterval(timer);
    window.clearInterval(recordingTimer);
    observer.disconnect();
  };
}
