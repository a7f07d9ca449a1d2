import { button, el, formatTime, type InlineError, isNearBottom, reconcileChildren, scrollToBottom } from '../dom';
import { bind, t } from '../i18n';
import { downloadProtected, fetchProtected } from './calls-api';
import { sizeText } from './format';
import type { CallSession } from './session';
import { timeOf, type CallFile, type CallMessage } from './types';

/** One line of the list: a message or a file, in time order. */
interface Item {
  id: string;
  at: number;
  element: HTMLLIElement;
}

/** What the list needs of the panel it is in. */
export interface CallItemListHost {
  readonly session: CallSession;
  /** Where a failed download is said. */
  readonly error: InlineError;
  token(): string | null;
  /** How many messages and files are shown changed. */
  counted(messages: number, files: number): void;
  /** A line from another participant came in; `announcement` says it in words. */
  heard(announcement: string): void;
}

/** The viewer's name in the call (snapshots are of them). */
export function viewerNameIn(session: CallSession): string {
  return session.participants.find((participant) => participant.role === 'viewer')?.displayName ?? '';
}

/**
 * The messages and files of a call as a list in time order: each line says who and when; a file has
 * its size and a download button, a snapshot its picture. Lines carry `data-message-id` or
 * `data-file-id` (and `data-kind`), and `data-mine` for one's own. Plain text only: nothing is read as
 * markup.
 */
export class CallItemList {
  readonly element: HTMLOListElement;
  private readonly _items = new Map<string, Item>();
  private readonly _objectUrls: string[] = [];
  private _disposed = false;

  constructor(private readonly _host: CallItemListHost) {
    this.element = el('ol', { className: 'call-items-list', label: 'call.items.listLabel' });
  }

  get size(): number {
    return this._items.size;
  }

  scrollToEnd(): void {
    scrollToBottom(this.element);
  }

  addMessage(message: CallMessage, fromOthers: boolean): void {
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

  /** A file or snapshot; `local` is the picture itself when this side just took it (no need to fetch it). */
  addFile(file: CallFile, fromOthers: boolean, local?: Blob): void {
    const at = timeOf(file.uploadedAt);
    const snapshot = file.kind === 'snapshot';
    const download = button('call.items.download', () => void this._download(file, download), {
      className: 'call-item-download secondary small',
      label: 'call.items.downloadLabel',
      labelParams: { name: file.name },
    });
    const thumbnail = snapshot ? el('img', { className: 'call-item-thumb', attrs: { alt: '' } }) : null;
    if (thumbnail) {
      bind(thumbnail, 'call.items.snapshotOf', { name: viewerNameIn(this._host.session) }, 'title');
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

  dispose(): void {
    this._disposed = true;
    for (const url of this._objectUrls) URL.revokeObjectURL(url);
    this._objectUrls.length = 0;
  }

  private _isSelf(id: string): boolean {
    return id.toLowerCase() === this._host.session.selfId.toLowerCase();
  }

  /** Puts a line in its place by time (an item already shown is left alone). */
  private _insert(id: string, at: number, element: HTMLLIElement, fromOthers: boolean, announcement: string): void {
    if (this._items.has(id) || this._disposed) return;
    const follow = isNearBottom(this.element);
    this._items.set(id, { id, at, element });
    const ordered = [...this._items.values()].sort((a, b) => a.at - b.at).map((item) => item.element);
    reconcileChildren(this.element, ordered);
    this._count();
    if (follow || !fromOthers) scrollToBottom(this.element);
    if (fromOthers) this._host.heard(announcement);
  }

  private _count(): void {
    let messages = 0;
    let files = 0;
    for (const item of this._items.values()) {
      if (item.element.dataset['messageId'] !== undefined) messages++;
      else files++;
    }
    this._host.counted(messages, files);
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

  private async _thumbnail(file: CallFile, image: HTMLImageElement, local?: Blob): Promise<void> {
    try {
      const token = this._host.token();
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
    const token = this._host.token();
    if (!token) return;
    const error = this._host.error;
    error.clear();
    control.disabled = true;
    try {
      await downloadProtected(file.url, token, file.name);
    } catch (failure) {
      error.show(t('call.items.downloadFailed', { name: file.name }));
      console.warn('call file not downloaded', failure);
    } finally {
      control.disabled = false;
    }
  }
}
