import { el } from './dom';
import { bind, type MessageKey } from './i18n';
import type { ConnectionState } from './hub';
import type { RoomStatus } from './types';

const statusKeys: Record<RoomStatus, MessageKey> = {
  scheduled: 'status.scheduled',
  live: 'status.live',
  interrupted: 'status.interrupted',
  ended: 'status.ended',
};

/** The room status badge ("Live", "Ended", ...). */
export class StatusBadge {
  readonly element = el('span', { className: 'badge status-badge' });

  set(status: RoomStatus): void {
    this.element.className = `badge status-badge status-${status}`;
    this.element.dataset['status'] = status;
    bind(this.element, statusKeys[status]);
  }
}

/** "N watching". */
export class ViewerCount {
  readonly element = el('span', { className: 'viewer-count', attrs: { 'aria-live': 'off' } });

  set(count: number): void {
    this.element.dataset['count'] = String(count);
    bind(this.element, 'viewers.count', { n: count });
  }
}

const connectionKeys: Record<ConnectionState, MessageKey> = {
  connecting: 'conn.connecting',
  connected: 'conn.connected',
  reconnecting: 'conn.reconnecting',
  disconnected: 'conn.disconnected',
};

/** A dot and a word that say whether the live connection is up. */
export class ConnectionIndicator {
  readonly element: HTMLSpanElement;
  private readonly _text = el('span', { className: 'connection-text' });

  constructor() {
    this.element = el(
      'span',
      { className: 'connection', attrs: { 'role': 'status', 'aria-live': 'polite' } },
      el('span', { className: 'connection-dot', attrs: { 'aria-hidden': 'true' } }),
      this._text,
    );
    this.set('connecting');
  }

  set(state: ConnectionState): void {
    this.element.dataset['state'] = state;
    bind(this._text, connectionKeys[state]);
  }
}
