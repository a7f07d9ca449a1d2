import { button, el, formatTime, InlineError, isNearBottom, reconcileChildren, scrollToBottom } from '../dom';
import { hubErrorCode } from '../hub';
import { bind, locale, t } from '../i18n';
import { callsApi, downloadProtected, fetchProtected, uploadCallFile, uploadSnapshot, CallUploadError } from './calls-api';
import type { CallsClient } from './client';
import { callErrorMessage } from './refusals';
import type { CallSession } from './session';
import {
  CALL_FILE_TYPES,
  callFileType,
  MAX_CALL_FILE_BYTES,
  MAX_CALL_MESSAGE,
  MAX_SNAPSHOT_BYTES,
  timeOf,
  type CallFile,
  type CallMessage,
} from './types';

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

/** One line of the panel: a message or a file, in time order. */
interface Item {
  id: string;
  at: number;
  element: HTMLLIElement;
}

let panels = 0;

/** 1.2 MB, 340 KB: a size as people read it. */
export function sizeText(bytes: number): string {
  const format = (value: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))} MB`;
  return `${format(Math.max(1, bytes / 1024))} KB`;
}

const ACCEPT = Object.entries(CALL_FILE_TYPES)
  .flatMap(([type, endings]) => [type, ...endings.map((ending) => `.${ending}`)])
  .join(',');

/**
 * What is written and shared during a call (docs/CALLS.md, "In-call messages, files and snapshots"): the
 * messages (`SendCallMessage`, event `callMessage`), the files (`POST …/files`, event `callFile`) and the
 * agents' snapshots, in time order, with the call's earlier items loaded when the view opens or rejoins
 * (`GET …/items`). Everything is plain text; files are saved through the token (see `downloadProtected`).
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
  private readonly _items = new Map<string, Item>();
  private readonly _list: HTMLOListElement;
  private readonly _empty = el('p', { className: 'call-items-empty muted', i18n: 'call.items.empty' });
  private readonly _toggle: HTMLButtonElement;
  private readonly _unread = el('span', { className: 'call-items-unread' });
  private readonly _body: HTMLElement;
  private readonly _progress = el('p', { className: 'call-items-progress', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  private readonly _announce = el('p', { className: 'call-sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly _error = new InlineError();
  private readonly _text: HTMLInputElement;
  private readonly _send: HTMLButtonElement;
  private readonly _share: HTMLButtonElement;
  private readonly _file: HTMLInputElement;
  private readonly _objectUrls: string[] = [];
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
    this._list = el('ol', { className: 'call-items-list', label: 'call.items.listLabel' });
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
    this._file = el('input', {
      className: 'call-items-file offscreen',
      attrs: { 'type': 'file', 'accept': ACCEPT, 'tabindex': '-1', 'aria-hidden': 'true' },
    });
    this._file.addEventListener('change', () => {
      const file = this._file.files?.[0];
      this._file.value = '';
      if (file) void this._shareFile(file);
    });
    this._share = button('call.items.share', () => this._file.click(), {
      className: 'call-items-share secondary small',
      attrs: { 'aria-describedby': `call-items-hint-${id}` },
    });
    const form = el(
      'form',
      { className: 'call-items-form', attrs: { novalidate: true } },
      el('label', { className: 'call-sr-only', i18n: 'call.items.messageLabel', attrs: { for: `call-items-text-${id}` } }),
      this._text,
      this._send,
      this._share,
      this._file,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this._sendMessage();
    });

    this._body = el(
      'div',
      { className: 'call-items-body', attrs: { id: `call-items-${id}` } },
      this._list,
      this._empty,
      this._progress,
      this._error.element,
      form,
      el('p', { className: 'call-items-hint muted', i18n: 'call.items.shareHint', attrs: { id: `call-items-hint-${id}` } }),
    );
    this._progress.hidden = true;

    this.snapshotButton = _options.snapshotSource
      ? button('call.snapshot', () => void this._snapshot(), { className: 'call-control call-snapshot secondary' })
      : null;
    if (this.snapshotButton) bind(this.snapshotButton, 'call.snapshotLabel', { name: this._viewerName() }, 'aria-label');

    this.element = el(
      'section',
      { className: 'call-items', label: 'call.items.title', attrs: { 'data-messages': '0', 'data-files': '0' } },
      el('h3', { className: 'call-items-head' }, this._toggle),
      this._body,
      this._announce,
    );
    this._setOpen(this._open);
    this._render();
    this._stopListening = _session.onChange(() => {
      if (_session.state.kind !== 'ended' || this._ended) return;
      // The call is over: what was shared stays readable, nothing more can be added.
      this._ended = true;
      for (const control of [this._text, this._send, this._share, this.snapshotButton]) if (control) control.disabled = true;
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
      for (const message of found.messages) this._addMessage(message, false);
      for (const file of found.files) this._addFile(file, false);
    } catch (failure) {
      if (!this._disposed) console.warn('call items not loaded', failure);
    }
  }

  /** Event `callMessage` (another participant wrote). */
  handleMessage(message: CallMessage): void {
    if (message.callId === this._session.callId) this._addMessage(message, true);
  }

  /** Event `callFile` (another participant shared a file, or an agent kept a snapshot). */
  handleFile(file: CallFile): void {
    if (file.callId === this._session.callId) this._addFile(file, true);
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._stopListening();
    for (const url of this._objectUrls) URL.revokeObjectURL(url);
    this._objectUrls.length = 0;
  }

  private _isSelf(id: string): boolean {
    return id.toLowerCase() === this._session.selfId.toLowerCase();
  }

  private _viewerName(): string {
    return this._session.participants.find((participant) => participant.role === 'viewer')?.displayName ?? '';
  }

  private _setOpen(open: boolean): void {
    this._open = open;
    this._body.hidden = !open;
    this._toggle.setAttribute('aria-expanded', String(open));
    this.element.dataset['open'] = String(open);
    if (open) {
      this._unreadCount = 0;
      scrollToBottom(this._list);
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

  private _render(): void {
    let messages = 0;
    let files = 0;
    for (const item of this._items.values()) {
      if (item.element.dataset['messageId'] !== undefined) messages++;
      else files++;
    }
    this.element.dataset['messages'] = String(messages);
    this.element.dataset['files'] = String(files);
    this._empty.hidden = this._items.size > 0;
  }

  /** Puts a line in its place by time (an item already shown is left alone). */
  private _insert(id: string, at: number, element: HTMLLIElement, fromOthers: boolean, announcement: string): void {
    if (this._items.has(id) || this._disposed) return;
    const follow = isNearBottom(this._list);
    this._items.set(id, { id, at, element });
    const ordered = [...this._items.values()].sort((a, b) => a.at - b.at).map((item) => item.element);
    reconcileChildren(this._list, ordered);
    this._render();
    if (follow || !fromOthers) scrollToBottom(this._list);
    if (!fromOthers) return;
    this._announce.textContent = announcement;
    if (!this._open) {
      this._unreadCount++;
      this._renderUnread();
    }
  }

  private _head(fromId: string, fromName: string, at: number): HTMLElement {
    const mine = this._isSelf(fromId);
    const iso = Number.isNaN(at) ? '' : new Date(at).toISOString();
    return el(
      'div',
      { className: 'call-item-head' },
      mine ? el('span', { className: 'call-item-from', i18n: 'call.items.you' }) : el('span', { className: 'call-item-from', text: fromName }),
      iso ? el('time', { className: 'call-item-time', text: formatTime(iso), attrs: { datetime: iso } }) : null,
    );
  }

  private _addMessage(message: CallMessage, fromOthers: boolean): void {
    const at = timeOf(message.sentAt);
    const element = el(
      'li',
      { className: 'call-item call-item-message', attrs: { 'data-message-id': message.id, 'data-mine': String(this._isSelf(message.from.id)) } },
      this._head(message.from.id, message.from.displayName, at),
      // Plain text only: the message is never read as markup.
      el('p', { className: 'call-item-text', text: message.text }),
    );
    this._insert(message.id, at, element, fromOthers, t('call.items.newMessage', { name: message.from.displayName, text: message.text }));
  }

  private _addFile(file: CallFile, fromOthers: boolean, local?: Blob): void {
    const at = timeOf(file.uploadedAt);
    const snapshot = file.kind === 'snapshot';
    const download = button('call.items.download', () => void this._download(file, download), {
      className: 'call-item-download secondary small',
      label: 'call.items.downloadLabel',
      labelParams: { name: file.name },
    });
    const thumbnail = snapshot ? el('img', { className: 'call-item-thumb', attrs: { alt: '' } }) : null;
    if (thumbnail) {
      bind(thumbnail, 'call.items.snapshotOf', { name: this._viewerName() }, 'title');
      void this._thumbnail(file, thumbnail, local);
    }
    const element = el(
      'li',
      { className: 'call-item call-item-file', attrs: { 'data-file-id': file.id, 'data-kind': file.kind, 'data-mine': String(this._isSelf(file.uploadedBy.id)) } },
      this._head(file.uploadedBy.id, file.uploadedBy.displayName, at),
      el(
        'div',
        { className: 'call-item-body' },
        thumbnail,
        el(
          'p',
          { className: 'call-item-file-name' },
          el('span', { className: 'call-item-kind', i18n: snapshot ? 'call.items.snapshot' : 'call.items.file' }),
          ' ',
          el('span', { className: 'call-item-name', text: file.name }),
          ' ',
          el('span', { className: 'call-item-size muted', text: `(${sizeText(file.size)})` }),
        ),
        download,
      ),
    );
    const announcement = snapshot
      ? t('call.items.newSnapshot', { name: file.uploadedBy.displayName })
      : t('call.items.newFile', { name: file.uploadedBy.displayName, file: file.name });
    this._insert(file.id, at, element, fromOthers, announcement);
  }

  private async _thumbnail(file: CallFile, image: HTMLImageElement, local?: Blob): Promise<void> {
    try {
      const token = this._options.token();
      const blob = local ?? (token ? await fetchProtected(file.url, token) : null);
      if (!blob || this._disposed) return;
      const url = URL.createObjectURL(blob);
      this._objectUrls.push(url);
      image.src = url;
    } catch {
      image.hidden = true;
    }
  }

  private async _download(file: CallFile, control: HTMLButtonElement): Promise<void> {
    const token = this._options.token();
    if (!token) return;
    this._error.clear();
    control.disabled = true;
    try {
      await downloadProtected(file.url, token, file.name);
    } catch (failure) {
      this._error.show(t('call.items.downloadFailed', { name: file.name }));
      console.warn('call file not downloaded', failure);
    } finally {
      control.disabled = false;
    }
  }

  private async _sendMessage(): Promise<void> {
    const text = this._text.value.trim();
    if (text === '' || this._ended) return;
    this._error.clear();
    this._send.disabled = true;
    try {
      const message = await this._calls.sendCallMessage(this._session.callId, text);
      this._text.value = '';
      this._addMessage(message, false);
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

  /** Checks the type and the size here (a clear word before anything is sent), then uploads with progress. */
  private async _shareFile(file: File): Promise<void> {
    this._error.clear();
    const name = file.name;
    const type = callFileType(file);
    if (!type) {
      this._error.show(t('call.items.wrongType', { name }));
      return;
    }
    if (file.size > MAX_CALL_FILE_BYTES) {
      this._error.show(t('call.items.tooLarge', { name, size: sizeText(file.size) }));
      return;
    }
    if (file.size === 0) {
      this._error.show(t('call.items.emptyFile', { name }));
      return;
    }
    const token = this._options.token();
    if (!token || this._ended) return;
    this._share.disabled = true;
    this._showProgress(name, 0);
    try {
      const kept = await uploadCallFile(token, this._session.callId, file, name, type, (sent, total) => this._showProgress(name, total > 0 ? sent / total : 0));
      this._addFile(kept, false);
      this._progress.textContent = t('call.items.shared', { name: kept.name });
      this.element.dataset['lastShared'] = kept.id;
      window.setTimeout(() => {
        if (this._progress.textContent === t('call.items.shared', { name: kept.name })) this._progress.hidden = true;
      }, 4000);
    } catch (failure) {
      this._progress.hidden = true;
      this._error.show(this._uploadMessage(failure, name));
    } finally {
      this._share.disabled = this._ended;
    }
  }

  private _showProgress(name: string, fraction: number): void {
    this._progress.hidden = false;
    this.element.dataset['sending'] = 'true';
    this._progress.textContent = t('call.items.sending', { name, n: Math.min(99, Math.floor(fraction * 100)) });
    if (fraction >= 1) delete this.element.dataset['sending'];
  }

  private _uploadMessage(failure: unknown, name: string): string {
    delete this.element.dataset['sending'];
    if (!(failure instanceof CallUploadError)) return t('error.generic');
    if (failure.status === 413) return t('call.items.tooLargeCap', { name });
    if (failure.status === 415) return t('call.items.wrongType', { name });
    if (failure.status === 0) return t('error.network');
    return t('call.items.refused', { name, reason: failure.userMessage });
  }

  /** The viewer's picture as it is on screen now, drawn to a canvas and kept as a JPEG. */
  private async _snapshot(): Promise<void> {
    const video = this._options.snapshotSource?.() ?? null;
    const control = this.snapshotButton;
    this._error.clear();
    if (!video || video.videoWidth === 0 || video.videoHeight === 0) {
      this._error.show(t('call.snapshotNoPicture'));
      return;
    }
    const token = this._options.token();
    if (!token || !control) return;
    control.disabled = true;
    try {
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
      let image = await toJpeg(canvas, 0.85);
      // A very large picture: a little more compression keeps it under the server's cap.
      if (image && image.size > MAX_SNAPSHOT_BYTES) image = await toJpeg(canvas, 0.6);
      if (!image) throw new Error('no image');
      const kept = await uploadSnapshot(token, this._session.callId, image);
      this._addFile(kept, false, image);
      this._options.snapshotTaken?.();
      this._announce.textContent = t('call.snapshotTaken');
      this.element.dataset['lastSnapshot'] = kept.id;
    } catch (failure) {
      this._error.show(failure instanceof CallUploadError ? t('call.snapshotFailed', { reason: failure.userMessage }) : t('error.generic'));
    } finally {
      control.disabled = this._ended;
    }
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', quality));
}
