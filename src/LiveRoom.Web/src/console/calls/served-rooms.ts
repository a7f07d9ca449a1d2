import { api, ApiError, type Authed } from '../../shared/api';
import { el, InlineError } from '../../shared/dom';
import { bind } from '../../shared/i18n';
import type { CallsClient } from '../../shared/calls/client';
import { hubErrorCode } from '../../shared/hub';
import type { StaffRoom } from '../../shared/types';
import { StatusBadge } from '../../shared/widgets';
import { saveCallPreferences, type CallPreferences } from './preferences';
import type { QueueList, ServedRoom } from './queue-list';

/** The open rooms the agent may serve. */
type RoomsState = { kind: 'loading' } | { kind: 'ready'; rooms: readonly StaffRoom[] } | { kind: 'error'; message: string };

/** Live rooms first, then interrupted, then scheduled. */
const order: Record<StaffRoom['status'], number> = { live: 0, interrupted: 1, scheduled: 2, ended: 3 };

/** What the rooms list needs of the Calls page. */
export interface ServedRoomsHost {
  readonly calls: CallsClient;
  readonly authed: Authed;
  readonly userId: string;
  readonly preferences: CallPreferences;
  readonly queue: QueueList;
  report(failure: unknown): void;
}

/**
 * "Rooms I serve": the open rooms, each with a switch that serves its queue (`WatchQueue`, and
 * `IsQueueOpen` for whether it takes new viewers) or stops (`UnwatchQueue`). The choice is remembered
 * and served again after every (re)connection.
 */
export class ServedRooms {
  readonly element: HTMLElement;
  private readonly _list = el('ul', { className: 'served-rooms' });
  private readonly _error = new InlineError(0);
  private _rooms: RoomsState = { kind: 'loading' };
  private _disposed = false;

  constructor(private readonly _host: ServedRoomsHost) {
    this.element = el(
      'aside',
      { className: 'calls-rooms', label: 'calls.rooms' },
      el('h2', { i18n: 'calls.rooms' }),
      el('p', { className: 'muted', i18n: 'calls.roomsHint' }),
      this._error.element,
      this._list,
    );
  }

  /** The served rooms as the queue shows them (their ids alone until the list has loaded). */
  served(): ServedRoom[] {
    const preferences = this._host.preferences;
    if (this._rooms.kind !== 'ready') return preferences.rooms.map((id) => ({ id, title: id }));
    return this._rooms.rooms.filter((room) => preferences.rooms.includes(room.id)).map((room) => ({ id: room.id, title: room.title }));
  }

  /** A room's title, or its id while the list is not there. */
  title(roomId: string): string {
    return (this._rooms.kind === 'ready' ? this._rooms.rooms.find((candidate) => candidate.id === roomId)?.title : undefined) ?? roomId;
  }

  load(): void {
    this._host
      .authed((token) => api.listRooms(token))
      .then((list) => {
        if (this._disposed) return;
        const open = list.filter((room) => room.status !== 'ended').sort((a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt));
        this._rooms = { kind: 'ready', rooms: open };
        this.render();
        this._host.queue.setServed(this.served());
      })
      .catch((failure: unknown) => {
        if (this._disposed || !(failure instanceof ApiError) || failure.status === 401) return;
        this._rooms = { kind: 'error', message: failure.userMessage };
        this.render();
      });
  }

  /** After a (re)connection: serves the remembered rooms again; one that ended (or went away) is served no more. */
  async rewatch(): Promise<void> {
    const { calls, preferences, queue } = this._host;
    for (const roomId of [...preferences.rooms]) {
      try {
        queue.setRoomEntries(roomId, await calls.watchQueue(roomId));
        queue.setOpen(roomId, await calls.isQueueOpen(roomId));
      } catch (failure) {
        if (hubErrorCode(failure) === 'room_ended' || hubErrorCode(failure) === 'not_found') {
          preferences.rooms = preferences.rooms.filter((id) => id !== roomId);
          saveCallPreferences(this._host.userId, preferences);
          queue.setServed(this.served());
          this.render();
        } else this._host.report(failure);
      }
    }
  }

  render(): void {
    const rooms = this._rooms;
    if (rooms.kind === 'error') this._error.show(rooms.message);
    else this._error.clear();
    if (rooms.kind === 'loading') {
      this._list.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
      return;
    }
    if (rooms.kind === 'error') {
      this._list.replaceChildren();
      return;
    }
    if (rooms.rooms.length === 0) {
      this._list.replaceChildren(el('li', { className: 'empty-state', i18n: 'calls.noRooms' }));
      return;
    }
    this._list.replaceChildren(...rooms.rooms.map((room) => this._row(room)));
  }

  dispose(): void {
    this._disposed = true;
  }

  private _row(room: StaffRoom): HTMLLIElement {
    const serving = this._host.preferences.rooms.includes(room.id);
    const toggle = el('input', { className: 'serve-toggle', attrs: { type: 'checkbox', role: 'switch' } });
    toggle.checked = serving;
    bind(toggle, 'calls.serveLabel', { title: room.title }, 'aria-label');
    toggle.addEventListener('change', () => {
      toggle.disabled = true;
      this._setServing(room.id, toggle.checked)
        .catch((failure: unknown) => {
          toggle.checked = !toggle.checked;
          this._host.report(failure);
        })
        .finally(() => {
          toggle.disabled = false;
        });
    });
    const badge = new StatusBadge();
    badge.set(room.status);
    return el(
      'li',
      { className: 'served-room', attrs: { 'data-room-id': room.id, 'data-serving': String(serving) } },
      el('label', { className: 'served-room-label' }, toggle, el('span', { className: 'served-room-title', text: room.title })),
      badge.element,
    );
  }

  private async _setServing(roomId: string, serve: boolean): Promise<void> {
    const { calls, preferences, queue } = this._host;
    if (serve) {
      const entries = await calls.watchQueue(roomId);
      const open = await calls.isQueueOpen(roomId);
      if (!preferences.rooms.includes(roomId)) preferences.rooms = [...preferences.rooms, roomId];
      queue.setServed(this.served());
      queue.setRoomEntries(roomId, entries);
      queue.setOpen(roomId, open);
    } else {
      await calls.unwatchQueue(roomId);
      preferences.rooms = preferences.rooms.filter((id) => id !== roomId);
      queue.setServed(this.served());
      queue.setRoomEntries(roomId, []);
    }
    saveCallPreferences(this._host.userId, preferences);
    this.render();
  }
}
