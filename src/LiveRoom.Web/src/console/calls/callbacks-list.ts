import { ApiError, type Authed } from '../../shared/api';
import { button, el, formatDateTime, InlineError } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { callsApi } from '../../shared/calls/calls-api';
import { timeOf, type CallBack } from '../../shared/calls/types';

const iso = (value: string | Date | null): string => (value === null ? '' : new Date(timeOf(value)).toISOString());

/**
 * Viewers who asked to be called back (`GET /api/callbacks`), open or done, with how to reach them, and
 * "Done" with an optional note (`POST /api/callbacks/{id}/done`). Loaded when shown and on "Refresh".
 */
export class CallBacksList {
  readonly element: HTMLElement;
  private readonly _list = el('ul', { className: 'callback-list', attrs: { 'aria-live': 'polite' } });
  private readonly _error = new InlineError(0);
  private readonly _status = el('select', { className: 'callback-status', attrs: { id: 'callback-status' } });

  constructor(
    private readonly _authed: Authed,
    private readonly _roomTitle: (roomId: string) => string,
  ) {
    this._status.append(el('option', { i18n: 'callback.open', attrs: { value: 'open' } }), el('option', { i18n: 'callback.done', attrs: { value: 'done' } }));
    this._status.addEventListener('change', () => void this.refresh());
    this.element = el(
      'section',
      { className: 'calls-callbacks', label: 'callback.listTitle' },
      el(
        'div',
        { className: 'callbacks-head' },
        el('h2', { i18n: 'callback.listTitle' }),
        el('label', { className: 'callbacks-filter', attrs: { for: 'callback-status' } }, el('span', { i18n: 'callback.show' }), this._status),
        button('calls.inviteRefresh', () => void this.refresh(), { className: 'secondary small callbacks-refresh' }),
      ),
      this._error.element,
      this._list,
    );
  }

  async refresh(): Promise<void> {
    this._error.clear();
    const status = this._status.value === 'done' ? 'done' : 'open';
    try {
      const items = await this._authed((token) => callsApi.listCallBacks(token, null, status));
      this.element.dataset['count'] = String(items.length);
      this._list.replaceChildren(...(items.length > 0 ? items.map((item) => this._row(item)) : [el('li', { className: 'empty-state', i18n: 'callback.none' })]));
    } catch (failure) {
      this._list.replaceChildren();
      if (failure instanceof ApiError && failure.status === 404) this._error.show(t('callback.unavailable'));
      else this._error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
    }
  }

  private _row(item: CallBack): HTMLLIElement {
    const contact: (HTMLElement | string)[] = [];
    if (item.phone) contact.push(el('a', { text: item.phone, attrs: { href: `tel:${item.phone}` } }));
    if (item.email) contact.push(el('a', { text: item.email, attrs: { href: `mailto:${item.email}` } }));
    const row = el(
      'li',
      { className: 'callback-item', attrs: { 'data-callback-id': item.id, 'data-status': item.status } },
      el('p', { className: 'callback-who' }, el('strong', { text: item.name }), ' · ', ...contact.flatMap((part, index) => (index === 0 ? [part] : [' · ', part]))),
      el('p', { className: 'muted' }, `${this._roomTitle(item.roomId)} · ${formatDateTime(iso(item.createdAt))}`),
      item.preferredTime ? el('p', { i18n: 'callback.whenShown', params: { when: item.preferredTime } }) : null,
      item.topic ? el('p', { className: 'callback-topic', text: item.topic }) : null,
      item.note ? el('p', { className: 'muted', text: item.note }) : null,
    );
    if (item.status === 'open') {
      const noteId = `callback-note-${item.id}`;
      const note = el('input', { className: 'callback-note', attrs: { id: noteId, type: 'text', maxlength: '1000' } });
      const done = button('callback.markDone', () => {
        done.disabled = true;
        this._authed((token) => callsApi.markCallBackDone(token, item.id, note.value.trim() || null))
          .then(() => this.refresh())
          .catch((failure: unknown) => {
            done.disabled = false;
            this._error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
          });
      }, { className: 'small callback-done' });
      bind(done, 'callback.markDoneLabel', { name: item.name }, 'aria-label');
      row.append(el('div', { className: 'callback-actions' }, el('label', { i18n: 'callback.noteLabel', attrs: { for: noteId } }), note, done));
    }
    return row;
  }
}
