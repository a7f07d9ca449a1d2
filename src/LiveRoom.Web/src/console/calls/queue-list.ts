import { el, reconcileChildren } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { clockText } from '../../shared/calls/format';
import { timeOf, type QueueEntry } from '../../shared/calls/types';

export interface QueueActions {
  accept(entry: QueueEntry): void;
  acceptNext(roomId: string): void;
  setVip(entry: QueueEntry, vip: boolean): void;
  /** Closes or opens the room's queue; settles when the server has answered. */
  setOpen(roomId: string, open: boolean): Promise<void>;
  /** What is known of the entry's viewer (made when first shown). */
  context?(entry: QueueEntry): HTMLElement;
}

let contexts = 0;

/** A served room as the queue shows it. */
export interface ServedRoom {
  id: string;
  title: string;
}

/** One waiting viewer: position, name, VIP, topic, how long they have waited (ticking), who it rings, Accept. */
class EntryRow {
  readonly element: HTMLLIElement;
  private readonly _position = el('span', { className: 'queue-entry-position', attrs: { 'aria-hidden': 'true' } });
  private readonly _name = el('strong', { className: 'queue-entry-name' });
  private readonly _vipBadge = el('span', { className: 'badge vip-badge', i18n: 'calls.vip' });
  private readonly _topic = el('p', { className: 'queue-entry-topic' });
  private readonly _waited = el('span', { className: 'queue-entry-waited' });
  private readonly _ringing = el('span', { className: 'queue-entry-ringing' });
  private readonly _vip = el('input', { className: 'queue-entry-vip', attrs: { type: 'checkbox' } });
  private readonly _accept = el('button', { className: 'queue-entry-accept small', i18n: 'calls.accept', attrs: { type: 'button' } });
  private readonly _about: HTMLButtonElement;
  private readonly _context = el('div', { className: 'queue-entry-context' });
  private _entry: QueueEntry;

  constructor(
    entry: QueueEntry,
    private readonly _selfId: string,
    actions: QueueActions,
  ) {
    this._entry = entry;
    this._context.id = `queue-context-${++contexts}`;
    this._context.hidden = true;
    this._about = el('button', {
      className: 'queue-entry-about secondary small',
      i18n: 'calls.about',
      attrs: { 'type': 'button', 'aria-expanded': 'false', 'aria-controls': this._context.id },
    });
    this._about.hidden = !actions.context;
    this._about.addEventListener('click', () => {
      const open = this._context.hidden;
      if (open && this._context.childElementCount === 0 && actions.context) this._context.append(actions.context(this._entry));
      this._context.hidden = !open;
      this._about.setAttribute('aria-expanded', String(open));
    });
    this._vip.addEventListener('change', () => actions.setVip(this._entry, this._vip.checked));
    this._accept.addEventListener('click', () => actions.accept(this._entry));
    this.element = el(
      'li',
      { className: 'queue-entry' },
      this._position,
      el(
        'div',
        { className: 'queue-entry-who' },
        el('div', { className: 'queue-entry-line' }, this._name, this._vipBadge),
        this._topic,
        el('p', { className: 'queue-entry-meta' }, this._waited, this._ringing),
      ),
      el('label', { className: 'queue-entry-vip-toggle' }, this._vip, el('span', { i18n: 'calls.vip', attrs: { 'aria-hidden': 'true' } })),
      this._about,
      this._accept,
      this._context,
    );
    this.update(entry);
  }

  update(entry: QueueEntry): void {
    this._entry = entry;
    const data = this.element.dataset;
    data['ticketId'] = entry.ticketId;
    data['position'] = String(entry.position);
    data['state'] = entry.state;
    data['vip'] = String(entry.vip);
    this._position.textContent = String(entry.position);
    this._name.textContent = entry.displayName;
    this._vipBadge.hidden = !entry.vip;
    this._vip.checked = entry.vip;
    bind(this._vip, 'calls.vipLabel', { name: entry.displayName }, 'aria-label');
    bind(this._accept, 'calls.acceptLabel', { name: entry.displayName }, 'aria-label');
    bind(this._about, 'calls.aboutLabel', { name: entry.displayName }, 'aria-label');
    if (entry.topic) {
      this._topic.removeAttribute('data-i18n');
      this._topic.textContent = entry.topic;
      this._topic.classList.remove('muted');
    } else {
      bind(this._topic, 'calls.noTopic');
      this._topic.classList.add('muted');
    }
    const ringing = entry.state === 'offered' ? (entry.offeredTo === this._selfId ? 'calls.ringingYou' : 'calls.ringingOther') : entry.state === 'away' ? 'calls.awayEntry' : null;
    this._ringing.hidden = ringing === null;
    if (ringing) bind(this._ringing, ringing);
    this.tick();
  }

  /** The waited time, again (every second). */
  tick(): void {
    const since = timeOf(this._entry.waitingSince);
    const seconds = Number.isNaN(since) ? 0 : (Date.now() - since) / 1000;
    this._waited.textContent = t('calls.waiting', { time: clockText(seconds) });
  }
}

/**
 * One served room's queue: its title, "Queue closed" while it is, "Close queue" / "Open queue" (a toggle
 * button, pressed while the queue is closed), "Accept next", and its waiting viewers in queue order.
 */
class RoomQueue {
  readonly element: HTMLElement;
  private readonly _title = el('h3', { className: 'queue-room-title' });
  private readonly _closed = el('span', { className: 'badge queue-closed-badge', i18n: 'calls.queueClosed' });
  private readonly _openToggle = el('button', { className: 'queue-open-toggle secondary small', attrs: { 'type': 'button', 'aria-pressed': 'false' } });
  private readonly _next: HTMLButtonElement;
  private readonly _list = el('ol', { className: 'queue-entries' });
  private readonly _empty = el('p', { className: 'empty-state queue-empty', i18n: 'calls.queueEmpty' });
  private readonly _rows = new Map<string, EntryRow>();
  private _open = true;

  constructor(
    readonly roomId: string,
    private readonly _selfId: string,
    private readonly _actions: QueueActions,
  ) {
    this._next = el('button', { className: 'queue-accept-next small', i18n: 'calls.acceptNext', attrs: { type: 'button' } });
    this._next.addEventListener('click', () => _actions.acceptNext(roomId));
    bind(this._closed, 'calls.queueClosedHint', undefined, 'title');
    // Busy while the server answers, but never `disabled`: that would take the keyboard focus away.
    this._openToggle.addEventListener('click', () => {
      if (this._openToggle.getAttribute('aria-disabled') === 'true') return;
      this._openToggle.setAttribute('aria-disabled', 'true');
      void _actions.setOpen(roomId, !this._open).finally(() => this._openToggle.removeAttribute('aria-disabled'));
    });
    this.element = el(
      'section',
      { className: 'queue-room', attrs: { 'data-room-id': roomId } },
      el('div', { className: 'queue-room-head' }, this._title, this._closed, this._openToggle, this._next),
      this._empty,
      this._list,
    );
  }

  /** `open`: whether the queue takes new viewers (those waiting are taken either way). */
  update(room: ServedRoom, entries: readonly QueueEntry[], open: boolean): void {
    this._open = open;
    this._title.textContent = room.title;
    this.element.dataset['open'] = String(open);
    this._closed.hidden = open;
    bind(this._openToggle, open ? 'calls.closeQueue' : 'calls.openQueue');
    bind(this._openToggle, open ? 'calls.closeQueueLabel' : 'calls.openQueueLabel', { title: room.title }, 'aria-label');
    this._openToggle.setAttribute('aria-pressed', String(!open));
    bind(this._next, 'calls.acceptNextLabel', { title: room.title }, 'aria-label');
    this._next.disabled = entries.length === 0;
    this._empty.hidden = entries.length > 0;
    this._list.hidden = entries.length === 0;
    this.element.dataset['waiting'] = String(entries.length);
    const wanted: HTMLLIElement[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      seen.add(entry.ticketId);
      let row = this._rows.get(entry.ticketId);
      if (row) row.update(entry);
      else {
        row = new EntryRow(entry, this._selfId, this._actions);
        this._rows.set(entry.ticketId, row);
      }
      wanted.push(row.element);
    }
    for (const ticketId of [...this._rows.keys()]) if (!seen.has(ticketId)) this._rows.delete(ticketId);
    reconcileChildren(this._list, wanted);
  }

  tick(): void {
    for (const row of this._rows.values()) row.tick();
  }
}

/**
 * The queues of the rooms an agent serves, one section per room, updated in place from `callQueue`
 * (rows are kept, so focus stays on a button while the list changes). The waited times tick.
 */
export class QueueList {
  readonly element: HTMLElement;
  private readonly _rooms = new Map<string, RoomQueue>();
  private readonly _body = el('div', { className: 'queue-rooms' });
  private readonly _none = el('p', { className: 'empty-state', i18n: 'calls.queueEmptyNoRooms' });
  private readonly _timer: number;
  private _served: readonly ServedRoom[] = [];
  private _entries: readonly QueueEntry[] = [];
  /** Rooms whose queue is known to be closed or open; unknown counts as open. */
  private readonly _open = new Map<string, boolean>();

  constructor(
    private readonly _selfId: string,
    private readonly _actions: QueueActions,
  ) {
    this.element = el('section', { className: 'calls-queue', label: 'calls.queue' }, el('h2', { i18n: 'calls.queue' }), this._none, this._body);
    this._timer = window.setInterval(() => {
      for (const room of this._rooms.values()) room.tick();
    }, 1000);
  }

  /** Every waiting entry the agent can see (the last `callQueue`). */
  get entries(): readonly QueueEntry[] {
    return this._entries;
  }

  setServed(rooms: readonly ServedRoom[]): void {
    this._served = rooms;
    this._render();
  }

  setEntries(entries: readonly QueueEntry[]): void {
    this._entries = entries;
    this._render();
  }

  /** Replaces one room's entries (a `WatchQueue` answer). */
  setRoomEntries(roomId: string, entries: readonly QueueEntry[]): void {
    this._entries = [...this._entries.filter((entry) => entry.roomId !== roomId), ...entries];
    this._render();
  }

  /** Whether the room's queue is open (`IsQueueOpen`, `SetQueueOpen`, event `callQueueOpen`). */
  setOpen(roomId: string, open: boolean): void {
    this._open.set(roomId, open);
    this._render();
  }

  dispose(): void {
    window.clearInterval(this._timer);
  }

  private _render(): void {
    this._none.hidden = this._served.length > 0;
    const wanted: HTMLElement[] = [];
    for (const room of this._served) {
      let queue = this._rooms.get(room.id);
      if (!queue) {
        queue = new RoomQueue(room.id, this._selfId, this._actions);
        this._rooms.set(room.id, queue);
      }
      const entries = this._entries.filter((entry) => entry.roomId === room.id).sort((a, b) => a.position - b.position);
      queue.update(room, entries, this._open.get(room.id) ?? true);
      wanted.push(queue.element);
    }
    for (const id of [...this._rooms.keys()]) if (!this._served.some((room) => room.id === id)) this._rooms.delete(id);
    reconcileChildren(this._body, wanted);
  }
}
