import { formatDateTime, el } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import type { Authed } from '../../shared/api';
import { ApiError } from '../../shared/api';
import { callsApi } from '../../shared/calls/calls-api';
import { clockText } from '../../shared/calls/format';
import { timeOf, type CallRecord, type ViewerContext } from '../../shared/calls/types';

/** How many of the viewer's chat lines the panel lists (the newest). */
const CHAT_LINES = 10;

const iso = (value: string | Date | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const ms = timeOf(value);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
};

/** Stars as text, with the number for screen readers ("4 of 5"). */
export function starsElement(rating: number | null): HTMLElement {
  if (rating === null || rating === undefined) return el('span', { className: 'muted', i18n: 'calls.notRated' });
  return el(
    'span',
    { className: 'call-stars', label: 'calls.ratingOf', labelParams: { n: rating }, attrs: { role: 'img', 'data-rating': String(rating) } },
    '★'.repeat(rating) + '☆'.repeat(Math.max(0, 5 - rating)),
  );
}

/** One past call in a short form: when, how long, how it ended, the stars and the note. */
export function pastCallElement(record: CallRecord): HTMLElement {
  const agents = record.participants.filter((participant) => participant.role === 'agent').map((participant) => participant.displayName);
  return el(
    'li',
    { className: 'past-call', attrs: { 'data-call-id': record.callId } },
    el(
      'p',
      { className: 'past-call-head' },
      el('span', { text: formatDateTime(iso(record.startedAt)) }),
      record.durationSeconds !== null ? el('span', { className: 'muted', text: clockText(record.durationSeconds) }) : null,
      agents.length > 0 ? el('span', { className: 'muted', text: agents.join(', ') }) : null,
      starsElement(record.rating),
    ),
    record.ratingComment ? el('p', { className: 'past-call-comment', text: `“${record.ratingComment}”` }) : null,
    record.note ? el('p', { className: 'past-call-note' }, el('strong', { i18n: 'calls.note' }), ' ', record.note) : null,
  );
}

/**
 * What the agent knows of a viewer (`GET /api/rooms/{roomId}/viewers/{viewerId}/context`): their chat
 * lines in the room, their questions, and their past calls with the stars and notes. Loaded when made;
 * `refresh` loads again.
 */
export class ViewerContextPanel {
  readonly element: HTMLElement;
  private readonly _body = el('div', { className: 'viewer-context-body', attrs: { 'aria-live': 'polite', 'aria-busy': 'true' } });

  constructor(
    private readonly _authed: Authed,
    private readonly _roomId: string,
    private readonly _viewerId: string,
    /** The call now in progress is not a "past" call. */
    private readonly _exceptCallId: string | null = null,
  ) {
    this.element = el('div', { className: 'viewer-context', attrs: { 'data-viewer-id': _viewerId } }, this._body);
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this._body.setAttribute('aria-busy', 'true');
    this._body.replaceChildren(el('p', { className: 'muted', i18n: 'loading' }));
    try {
      const context = await this._authed((token) => callsApi.viewerContext(token, this._roomId, this._viewerId));
      this._show(context);
      this.element.dataset['loaded'] = 'true';
    } catch (failure) {
      const message = failure instanceof ApiError ? failure.userMessage : t('error.generic');
      this._body.replaceChildren(el('p', { className: 'inline-error', text: message, attrs: { role: 'alert' } }));
      this.element.dataset['loaded'] = 'error';
    } finally {
      this._body.setAttribute('aria-busy', 'false');
    }
  }

  private _show(context: ViewerContext): void {
    const chat = context.chat.slice(-CHAT_LINES);
    const calls = context.calls.filter((record) => record.callId !== this._exceptCallId);
    const section = (titleKey: Parameters<typeof bind>[1], className: string, items: HTMLElement[], emptyKey: Parameters<typeof bind>[1]) =>
      el(
        'section',
        { className: `viewer-context-section ${className}` },
        el('h4', { i18n: titleKey }),
        items.length > 0 ? el('ul', { className: 'viewer-context-list' }, ...items) : el('p', { className: 'muted', i18n: emptyKey }),
      );
    this._body.replaceChildren(
      section(
        'calls.contextChat',
        'viewer-context-chat',
        chat.map((line) => el('li', { className: 'context-chat-line' }, el('time', { className: 'muted', text: formatDateTime(iso(line.sentAt ?? line.createdAt)) }), ' ', line.text)),
        'calls.contextNoChat',
      ),
      section(
        'calls.contextQuestions',
        'viewer-context-questions',
        context.questions.map((question) => el('li', { className: 'context-question', text: question.text })),
        'calls.contextNoQuestions',
      ),
      section('calls.contextCalls', 'viewer-context-calls', calls.map(pastCallElement), 'calls.contextNoCalls'),
    );
  }
}
