import { button, el, formatTime, isNearBottom, scrollToBottom } from '../dom';
import { bind, roleKey, type MessageKey } from '../i18n';
import { isStaffRole, type ChatMessage, type Sender } from '../types';

/** Moderation hooks: given on the staff console, absent on the viewer page. */
export interface ChatModeration {
  deleteMessage(message: ChatMessage): Promise<void>;
  setMuted(sender: Sender, muted: boolean): Promise<void>;
  /** Bans the sender and the network address they came from, in this room (or lifts the ban). */
  setBanned(sender: Sender, banned: boolean): Promise<void>;
}

/** A per-sender moderation switch on each of their messages (Mute/Unmute, Ban/Unban) and what it knows of each sender. */
interface SenderToggle {
  readonly className: string;
  readonly selector: string;
  readonly keys: { readonly off: MessageKey; readonly offLabel: MessageKey; readonly on: MessageKey; readonly onLabel: MessageKey };
  readonly state: Map<string, boolean>;
  apply(moderation: ChatModeration, sender: Sender, on: boolean): Promise<void>;
}

/** The most messages a reconnecting page catches up on (the server's largest history page). */
export const MAX_CATCH_UP = 1000;

/** Enough for a full catch-up plus the join snapshot's recent chat. */
const MAX_RENDERED = MAX_CATCH_UP + 200;

/** Chat message ids are increasing integers in room order. */
export const messageSequence = (id: string): number => Number.parseInt(id, 10) || 0;

/** A room's chat: de-duplicated by id, in arrival order, newest at the bottom. */
export class ChatList {
  readonly element: HTMLElement;
  private readonly _list: HTMLOListElement;
  private readonly _empty: HTMLParagraphElement;
  private readonly _items = new Map<string, HTMLLIElement>();
  private readonly _mute: SenderToggle = {
    className: 'small secondary mute-toggle',
    selector: 'button.mute-toggle',
    keys: { off: 'mod.mute', offLabel: 'mod.muteLabel', on: 'mod.unmute', onLabel: 'mod.unmuteLabel' },
    state: new Map(),
    apply: (moderation, sender, on) => moderation.setMuted(sender, on),
  };
  private readonly _ban: SenderToggle = {
    className: 'small danger ban-toggle',
    selector: 'button.ban-toggle',
    keys: { off: 'mod.ban', offLabel: 'mod.banLabel', on: 'mod.unban', onLabel: 'mod.unbanLabel' },
    state: new Map(),
    apply: (moderation, sender, on) => moderation.setBanned(sender, on),
  };
  private _myId: string | null = null;
  private _lastSeen = 0;

  constructor(private readonly _moderation?: ChatModeration, emptyKey: MessageKey = 'chat.empty') {
    this._list = el('ol', { className: 'chat-list', label: 'chat.list', attrs: { 'aria-live': 'polite', 'aria-relevant': 'additions' } });
    this._empty = el('p', { className: 'empty-state', i18n: emptyKey });
    this.element = el('div', { className: 'chat-scroll' }, this._empty, this._list);
  }

  /** The words shown while the list is empty. */
  setEmptyMessage(key: MessageKey): void {
    bind(this._empty, key);
  }

  setMe(id: string | null): void {
    this._myId = id;
  }

  /** Replaces everything with a snapshot's recent chat (oldest first). */
  reset(messages: readonly ChatMessage[]): void {
    this._items.clear();
    this._list.replaceChildren();
    this._appendAll(messages, true);
  }

  add(messages: readonly ChatMessage[]): void {
    this._appendAll(messages, false);
  }

  /** The sequence of the newest message this list has shown (0 when none), kept across resets. */
  get lastSeen(): number {
    return this._lastSeen;
  }

  /**
   * A snapshot after a reconnect: what the page showed before the snapshot's first message stays; from
   * there on the snapshot decides (messages deleted meanwhile go, new ones come).
   */
  rejoin(messages: readonly ChatMessage[]): void {
    const first = messages[0];
    if (!first) return;
    const from = messageSequence(first.id);
    const keep = new Set(messages.map((m) => m.id));
    for (const [id, item] of [...this._items]) {
      if (messageSequence(id) >= from && !keep.has(id)) {
        item.remove();
        this._items.delete(id);
      }
    }
    this._appendAll(messages, false);
  }

  /**
   * Missed history, inserted in room order before the first shown message newer than it. With
   * `skipped`, a note above it says that earlier messages were left out.
   */
  insertHistory(messages: readonly ChatMessage[], skipped: boolean): void {
    const fresh = messages.filter((m) => !this._items.has(m.id));
    if (fresh.length === 0 && !skipped) return;
    const stick = isNearBottom(this.element);
    const newest = Math.max(0, ...fresh.map((m) => messageSequence(m.id)));
    const fragment = document.createDocumentFragment();
    if (skipped) fragment.append(el('li', { className: 'chat-notice', i18n: 'chat.skipped', attrs: { role: 'note' } }));
    for (const message of fresh) {
      const item = this._render(message);
      this._items.set(message.id, item);
      fragment.append(item);
      this._lastSeen = Math.max(this._lastSeen, messageSequence(message.id));
    }
    const anchor = [...this._items.values()].find((item) => messageSequence(item.dataset['id'] ?? '') > newest) ?? null;
    this._list.insertBefore(fragment, anchor);
    // Keep the map in display order, the oldest first, as eviction expects.
    const ordered = [...this._items.entries()].sort(([a], [b]) => messageSequence(a) - messageSequence(b));
    this._items.clear();
    for (const [id, item] of ordered) this._items.set(id, item);
    this._evict();
    this._updateEmpty();
    if (stick) scrollToBottom(this.element);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this._items.get(id)?.remove();
      this._items.delete(id);
    }
    this._updateEmpty();
  }

  /** Records a sender's mute state and updates the Mute/Unmute buttons of their messages. */
  setMuted(senderId: string, muted: boolean): void {
    this._setToggle(this._mute, senderId, muted);
  }

  /** Records a sender's ban and updates the Ban/Unban buttons of their messages. */
  setBanned(senderId: string, banned: boolean): void {
    this._setToggle(this._ban, senderId, banned);
  }

  private _appendAll(messages: readonly ChatMessage[], forceScroll: boolean): void {
    const stick = forceScroll || isNearBottom(this.element);
    for (const message of messages) {
      if (this._items.has(message.id)) continue;
      const item = this._render(message);
      this._items.set(message.id, item);
      this._list.append(item);
      this._lastSeen = Math.max(this._lastSeen, messageSequence(message.id));
    }
    this._evict();
    this._updateEmpty();
    if (stick) scrollToBottom(this.element);
  }

  private _evict(): void {
    while (this._items.size > MAX_RENDERED) {
      const oldest = this._items.keys().next().value as string;
      this._items.get(oldest)?.remove();
      this._items.delete(oldest);
    }
  }

  private _updateEmpty(): void {
    this._empty.hidden = this._items.size > 0;
  }

  private _render(message: ChatMessage): HTMLLIElement {
    const { sender } = message;
    const staff = isStaffRole(sender.role);
    const item = el('li', {
      className: ['chat-message', staff ? 'from-staff' : '', sender.id === this._myId ? 'mine' : ''].filter(Boolean).join(' '),
      attrs: { 'data-id': message.id, 'data-sender-id': sender.id, 'data-sender-name': sender.displayName },
    });
    const header = el(
      'div',
      { className: 'chat-meta' },
      el('span', { className: 'chat-sender', text: sender.displayName }),
      staff ? el('span', { className: `badge role-badge role-${sender.role}`, i18n: roleKey(sender.role) }) : null,
      el('time', { className: 'chat-time', text: formatTime(message.sentAt), attrs: { datetime: message.sentAt } }),
    );
    item.append(header, el('p', { className: 'chat-text', text: message.text }));

    const moderation = this._moderation;
    if (moderation) {
      const actions = el('div', { className: 'chat-actions' });
      const remove = button(
        'mod.delete',
        () => {
          remove.disabled = true;
          moderation.deleteMessage(message).catch(() => undefined).finally(() => (remove.disabled = false));
        },
        { className: 'small secondary', label: 'mod.deleteLabel', labelParams: { name: sender.displayName } },
      );
      actions.append(remove);
      if (sender.role === 'viewer') {
        actions.append(this._toggleButton(this._mute, moderation, sender), this._toggleButton(this._ban, moderation, sender));
      }
      item.append(actions);
    }
    return item;
  }

  private _toggleButton(toggle: SenderToggle, moderation: ChatModeration, sender: Sender): HTMLButtonElement {
    const result = el('button', { className: toggle.className, attrs: { type: 'button' } });
    this._renderToggle(toggle, result, sender.displayName, toggle.state.get(sender.id) ?? false);
    result.addEventListener('click', () => {
      result.disabled = true;
      toggle
        .apply(moderation, sender, !(toggle.state.get(sender.id) ?? false))
        .catch(() => undefined)
        .finally(() => (result.disabled = false));
    });
    return result;
  }

  private _setToggle(toggle: SenderToggle, senderId: string, on: boolean): void {
    toggle.state.set(senderId, on);
    for (const item of this._items.values()) {
      if (item.dataset['senderId'] !== senderId) continue;
      const button = item.querySelector<HTMLButtonElement>(toggle.selector);
      if (button) this._renderToggle(toggle, button, item.dataset['senderName'] ?? '', on);
    }
  }

  private _renderToggle(toggle: SenderToggle, button: HTMLButtonElement, name: string, on: boolean): void {
    bind(button, on ? toggle.keys.on : toggle.keys.off);
    bind(button, on ? toggle.keys.onLabel : toggle.keys.offLabel, { name }, 'aria-label');
    button.setAttribute('aria-pressed', String(on));
  }
}
