import { el, InlineError } from '../dom';
import { hubErrorCode } from '../hub';
import { bind, t } from '../i18n';
import { CallFileSharing } from './call-file-sharing';
import { CallItemList } from './call-item-list';
import { callsApi } from './calls-api';
import type { CallsClient } from './client';
import { callErrorMessage } from './refusals';
import type { CallSession } from './session';
import { MAX_CALL_MESSAGE, type CallFile, type CallMessage } from './types';

export interface CallItemsOptions {
  /** The bearer token of this side (the viewer's, or the staff member's) for the HTTP parts. */
  token: () => string | null;
  /**
   * Agents: the picture a snapshot keeps (the viewer's remote video); with it the panel offers
   * `snapshotButton`.
   */
  snapshotSource?: () => HTMLVideoElement | null;
  /** Called when a snapshot was kept (the view flashes). */
  snapshotTaken?: () => void;
}

let panels = 0;

/**
 * What is written and shared during a call (docs/CALLS.md, "In-call messages, files and snapshots"): the
 * messages (`SendCallMessage`, event `callMessage`), the files (`POST …/files`, event `callFile`) and the
 * agents' snapshots, in time order, with the call's earlier items loaded when the view opens or rejoins
 * (`GET …/items`). Everything is plain text; files are saved through the token (see `downloadProtected`).
 * The list is call-item-list.ts; sharing files and snapshots is call-file-sharing.ts.
 *
 * A disclosure: open on wide screens, closed on phones, where new items from the others count up on the
 * toggle. Items from the others are also said through a polite live region, open or not.
 *
 * The root carries `data-messages` and `data-files` (how many are shown) and `data-open`; each line
 * `data-message-id` or `data-file-id` (and `data-kind`), `data-mine` for one's own.
 */
export class CallItemsPanel {
  readonly element: HTMLElement;
  /** "Snapshot" (agents with a snapshot source), for the call's controls. */
  readonly snapshotButton: HTMLButtonElement | null;
  private readonly _list: CallItemList;
  private readonly _sharing: CallFileSharing;
  private readonly _empty = el('p', { className: 'call-items-empty muted', i18n: 'call.items.empty' });
  private readonly _toggle: HTMLButtonElement;
  private readonly _unread = el('span', { className: 'call-items-unread' });
  private readonly _body: HTMLElement;
  private readonly _announce = el('p', { className: 'call-sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly _error = new InlineError();
  private readonly _text: HTMLInputElement;
  private readonly _send: HTMLButtonElement;
  private _open: boolean;
  private _unreadCount = 0;
  private _disposed = false;
  private _ended = false;
  private readonly _stopListening: () => void;

  constructor(
    private readonly _session: CallSession,
    private readonly _calls: CallsClient,
    private readonly _options: CallItemsOptions,
  ) {
    const id = ++panels;
    this._open = typeof window.matchMedia !== 'function' || !window.matchMedia('(max-width: 820px)').matches;
    this._list = new CallItemList({
      session: _session,
      error: this._error,
      token: () => _options.token(),
      counted: (messages, files) => {
        this.element.dataset['messages'] = String(messages);
        this.element.dataset['files'] = String(files);
        this._empty.hidden = this._list.size > 0;
      },
      heard: (announcement) => {
        this._announce.textContent = announcement;
        if (this._open) return;
        this._unreadCount++;
        this._renderUnread();
      },
    });
    this._toggle = el(
      'button',
      { className: 'call-items-toggle', attrs: { 'type': 'button', 'aria-controls': `call-items-${id}` } },
      el('span', { i18n: 'call.items.title' }),
      ' ',
      this._unread,
    );
    this._toggle.addEventListener('click', () => this._setOpen(!this._open));

    this._text = el('input', {
      className: 'call-items-text',
      placeholder: 'call.items.placeholder',
      attrs: { 'id': `call-items-text-${id}`, 'type': 'text', 'maxlength': String(MAX_CALL_MESSAGE), 'autocomplete': 'off', 'enterkeyhint': 'send' },
    });
    this._send = el('button', { className: 'call-items-send small', i18n: 'call.items.send', attrs: { type: 'submit' } });
    this._sharing = new CallFileSharing(
      {
        session: _session,
        error: this._error,
        root: () => this.element,
        token: () => _options.token(),
        ended: () => this._ended,
        kept: (file, local) => this._list.addFile(file, false, local),
        announce: (text) => {
          this._announce.textContent = text;
        },
        ...(_options.snapshotSource ? { snapshotSource: _options.snapshotSource } : {}),
        ...(_options.snapshotTaken ? { snapshotTaken: _options.snapshotTaken } : {}),
      },
      `call-items-hint-${id}`,
    );
    const form = el(
      'form',
      { className: 'call-items-form', attrs: { novalidate: true } },
      el('label', { className: 'call-sr-only', i18n: 'call.items.messageLabel', attrs: { for: `call-items-text-${id}` } }),
      this._text,
      this._send,
      this._sharing.shareButton,
      this._sharing.input,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this._sendMessage();
    });

    this._body = el(
      'div',
      { className: 'call-items-body', attrs: { id: `call-items-${id}` } },
      this._list.element,
      this._empty,
      this._sharing.progress,
      this._error.element,
      form,
      el('p', { className: 'call-items-hint muted', i18n: 'call.items.shareHint', attrs: { id: `call-items-hint-${id}` } }),
    );
    this.snapshotButton = this._sharing.snapshotButton;

    this.element = el(
      'section',
      { className: 'call-items', label: 'call.items.title', attrs: { 'data-messages': '0', 'data-files': '0' } },
      el('h3', { className: 'call-items-head' }, this._toggle),
      this._body,
      this._announce,
    );
    this._setOpen(this._open);
    this._empty.hidden = false;
    this._stopListening = _session.onChange(() => {
      if (_session.state.kind !== 'ended' || this._ended) return;
      // The call is over: what was shared stays readable, nothing more can be added.
      this._ended = true;
      for (const control of [this._text, this._send, this._sharing.shareButton, this.snapshotButton]) if (control) control.disabled = true;
    });
    void this.load();
  }

  /** Loads the call's messages and files so far (when the view opens, and again after a rejoin). */
  async load(): Promise<void> {
    const token = this._options.token();
    if (!token) return;
    try {
      const found = await callsApi.getItems(token, this._session.callId);
      if (this._disposed) return;
      for (const message of found.messages) this._list.addMessage(message, false);
      for (const file of found.files) this._list.addFile(file, false);
    } catch (failure) {
      if (!this._disposed) console.warn('call items not loaded', failure);
    }
  }

  /** Event `callMessage` (another participant wrote). */
  handleMessage(message: CallMessage): void {
    if (message.callId === this._session.callId) this._list.addMessage(message, true);
  }

  /** Event `callFile` (another participant shared a file, or an agent kept a snapshot). */
  handleFile(file: CallFile): void {
    if (file.callId === this._session.callId) this._list.addFile(file, true);
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._stopListening();
    this._list.dispose();
  }

  private _setOpen(open: boolean): void {
    this._open = open;
    this._body.hidden = !open;
    this._toggle.setAttribute('aria-expanded', String(open));
    this.element.dataset['open'] = String(open);
    if (open) {
      this._unreadCount = 0;
      this._list.scrollToEnd();
    }
    this._renderUnread();
  }

  private _renderUnread(): void {
    this._unread.hidden = this._unreadCount === 0;
    if (this._unreadCount > 0) {
      bind(this._unread, 'call.items.unread', { n: this._unreadCount });
      return;
    }
    // Nothing new: no text at all (the toggle's name is then just the title, in either language).
    this._unread.removeAttribute('data-i18n');
    this._unread.removeAttribute('data-i18n-params');
    this._unread.textContent = '';
  }

  private async _sendMessage(): Promise<void> {
    const text = this._text.value.trim();
    if (text === '' || this._ended) return;
    this._error.clear();
    this._send.disabled = true;
    try {
      const message = await this._calls.sendCallMessage(this._session.callId, text);
      this._text.value = '';
      this._list.addMessage(message, false);
    } catch (failure) {
      const code = hubErrorCode(failure);
      if (code === 'too_long') this._error.show(t('call.items.tooLong', { max: MAX_CALL_MESSAGE }));
      else if (code === 'invalid') this._error.show(t('call.items.invalid'));
      else this._error.show(callErrorMessage(failure));
    } finally {
      this._send.disabled = this._ended;
      this._text.focus();
    }
  }
}
