import { el, InlineError } from '../dom';
import { bind, t } from '../i18n';
import type { CallsClient } from './client';
import { callErrorMessage } from './refusals';
import { MAX_CALL_NOTE, MAX_RATING, MAX_RATING_COMMENT, type CallRecord } from './types';

let forms = 0;

/**
 * The viewer's rating after a call (`RateCall`): 1–5 stars as a radio group (arrow keys move between
 * them), an optional comment, "Send". Once sent it thanks and says the stars given.
 * `element[data-rated]` is `true` once the server has it.
 */
export class RatingForm {
  readonly element: HTMLElement;
  private readonly _error = new InlineError();

  constructor(
    private readonly _calls: CallsClient,
    private readonly _callId: string,
    private readonly _rated: (record: CallRecord) => void = () => undefined,
  ) {
    const id = ++forms;
    const stars = el('div', { className: 'rating-stars' });
    for (let n = 1; n <= MAX_RATING; n++) {
      const input = el('input', { className: 'rating-input', attrs: { type: 'radio', name: `rating-${id}`, value: String(n), id: `rating-${id}-${n}` } });
      const label = el('label', { className: 'rating-star', attrs: { for: `rating-${id}-${n}` } }, el('span', { attrs: { 'aria-hidden': 'true' }, text: '★' }));
      label.append(el('span', { className: 'call-sr-only', i18n: n === 1 ? 'call.rateOne' : 'call.rateN', params: { n } }));
      stars.append(input, label);
    }
    // The chosen star and every star before it are lit.
    stars.addEventListener('change', () => {
      const chosen = Number(stars.querySelector<HTMLInputElement>('.rating-input:checked')?.value ?? '0');
      stars.querySelectorAll('.rating-star').forEach((star, index) => star.classList.toggle('lit', index < chosen));
    });
    const comment = el('textarea', {
      className: 'rating-comment',
      label: 'call.rateCommentLabel',
      placeholder: 'call.rateComment',
      attrs: { maxlength: String(MAX_RATING_COMMENT), rows: '2' },
    });
    const send = el('button', { className: 'rating-send small', i18n: 'call.rateSend', attrs: { type: 'submit' } });
    const form = el(
      'form',
      { className: 'rating-form', attrs: { novalidate: true } },
      el('fieldset', { className: 'rating-fieldset' }, el('legend', { i18n: 'call.rateTitle' }), stars),
      comment,
      el('div', { className: 'rating-actions' }, send),
      this._error.element,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = form.querySelector<HTMLInputElement>('.rating-input:checked');
      if (!chosen) {
        this._error.show(t('call.ratePick'));
        return;
      }
      this._error.clear();
      send.disabled = true;
      const text = comment.value.trim();
      this._calls
        .rateCall(this._callId, Number(chosen.value), text === '' ? null : text)
        .then((record) => {
          this.element.dataset['rated'] = 'true';
          this.element.replaceChildren(el('p', { className: 'rating-thanks', i18n: 'call.rateThanks', params: { n: record.rating ?? Number(chosen.value) }, attrs: { role: 'status' } }));
          this._rated(record);
        })
        .catch((failure: unknown) => {
          send.disabled = false;
          this._error.show(callErrorMessage(failure));
        });
    });
    this.element = el('div', { className: 'call-rating', attrs: { 'data-rated': 'false' } }, form);
  }
}

/**
 * An agent's note on a call (`SaveCallNote`): a text area (≤ 4,000 characters) and "Save note"; the
 * note replaces the previous one. `element[data-saved]` is `true` once the server has it.
 */
export class CallNoteForm {
  readonly element: HTMLElement;
  private readonly _error = new InlineError();
  private readonly _status = el('p', { className: 'call-note-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });

  constructor(calls: CallsClient, callId: string, initial = '') {
    const id = `call-note-${++forms}`;
    const note = el('textarea', { className: 'call-note-text', attrs: { id, maxlength: String(MAX_CALL_NOTE), rows: '3' } });
    note.value = initial;
    const save = el('button', { className: 'call-note-save small', i18n: 'call.noteSave', attrs: { type: 'submit' } });
    const form = el(
      'form',
      { className: 'call-note-form', attrs: { novalidate: true } },
      el('label', { className: 'call-note-label', i18n: 'call.noteLabel', attrs: { for: id } }),
      note,
      el('div', { className: 'call-note-actions' }, save, this._status),
      this._error.element,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this._error.clear();
      save.disabled = true;
      calls
        .saveCallNote(callId, note.value.trim())
        .then(() => {
          this.element.dataset['saved'] = 'true';
          bind(this._status, 'call.noteSaved');
        })
        .catch((failure: unknown) => this._error.show(callErrorMessage(failure)))
        .finally(() => {
          save.disabled = false;
        });
    });
    note.addEventListener('input', () => {
      this.element.dataset['saved'] = 'false';
      this._status.textContent = '';
    });
    this.element = el('div', { className: 'call-note', attrs: { 'data-saved': 'false' } }, form);
  }
}
