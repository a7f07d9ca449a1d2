import { button, el, formatTime, isNearBottom, scrollToBottom } from './dom';
import { bind, roleKey, type MessageKey } from './i18n';
import { isStaffRole, type ChatMessage, type Sender } from './types';

/** Moderation hooks: given on the staff console, absent on the viewer page. */
export interface ChatModeration {
  deleteMessage(message: ChatMessage): Promise<void>;
  setMuted(sender: Sender, muted: boolean): Promise<void>;
}

const MAX_RENDERED = 300;

/** A room's chat: de-duplicated by id, in arrival order, newest at the bottom. */
export class ChatList {
  readonly element: HTMLElement;
  private readonly _list: HTMLOListElement;
  private readonly _empty: HTMLParagraphElement;
  private readonly _items = new Map<string, HTMLLIElement>();
  private readonly _muted = new Map<string, boolean>();
  private _myId: string | null = null;

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

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this._items.get(id)?.remove();
      this._items.delete(id);
    }
    this._updateEmpty();
  }

  /** Records a sender's mute state and updates the Mute/Unmute buttons of their messages. */
  setMuted(senderId: string, muted: boolean): void {
    this._muted.set(senderId, muted);
    for (const item of this._items.values()) {
      if (item.dataset['senderId'] !== senderId) continue;
      const toggle = item.querySelector<HTMLButtonElement>('button.mute-toggle');
      if (toggle) this._renderMuteButton(toggle, item.dataset['senderName'] ?? '', muted);
    }
  }

  private _appendAll(messages: readonly ChatMessage[], forceScroll: boolean): void {
    const stick = forceScroll || isNearBottom(this.element);
    for (const message of messages) {
      if (this._items.has(message.id)) continue;
      const item = this._render(message);
      this._items.set(message.id, item);
      this._list.append(item);
    }
    while (this._items.size > MAX_RENDERED) {
      const oldest = this._items.keys().next().value as string;
      this._items.get(oldest)?.remove();
      this._items.delete(oldest);
    }
    this._updateEmpty();
    if (stick) scrollToBottom(this.element);
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
        const toggle = el('button', { className: 'small secondary mute-toggle', attrs: { type: 'button' } });
        this._renderMuteButton(toggle, sender.displayName, this._muted.get(sender.id) ?? false);
        toggle.addEventListener('click', () => {
          const mute = !(this._muted.get(sender.id) ?? false);
          toggle.disabled = true;
          moderation
            .setMuted(sender, mute)
            .catch(() => undefined)
            .finally(() => (toggle.disabled = false));
        });
        actions.append(toggle);
      }
      item.append(actions);
    }
    return item;
  }

  private _renderMuteButton(toggle: HTMLButtonElement, name: string, muted: boolean): void {
    bind(toggle, muted ? 'mod.unmute' : 'mod.mute');
    bind(toggle, muted ? 'mod.unmuteLabel' : 'mod.muteLabel', { name }, 'aria-label');
    toggle.setAttribute('aria-pressed', String(muted));
  }
}
