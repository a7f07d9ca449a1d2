import { ApiError } from '../api';
import { el, InlineError } from '../dom';
import { language, t, type MessageKey } from '../i18n';
import { callsApi } from './calls-api';
import type { CallBack } from './types';

let forms = 0;

export interface CallBackFormOptions {
  roomId: string;
  /** The viewer's token (the request is theirs). */
  token: () => string | null;
  name: string;
  topic: string;
  sent(callBack: CallBack): void;
  cancel(): void;
}

/**
 * "Call me back" when nobody can take calls (docs/CALLS.md, call-backs): name, a phone or an e-mail (at
 * least one), a preferred time and the topic, and consent to be contacted. Sending again updates the
 * viewer's open call-back.
 */
export function callBackForm(options: CallBackFormOptions): HTMLFormElement {
  const id = `callback-${++forms}`;
  const error = new InlineError();
  const field = (key: MessageKey, input: HTMLInputElement) => {
    input.id = `${id}-${input.name}`;
    return el('div', { className: 'field callback-field' }, el('label', { i18n: key, attrs: { for: input.id } }), input);
  };
  const name = el('input', { attrs: { name: 'name', type: 'text', autocomplete: 'name', maxlength: '100', required: true } });
  name.value = options.name;
  const phone = el('input', { attrs: { name: 'phone', type: 'tel', autocomplete: 'tel', maxlength: '32' } });
  const email = el('input', { attrs: { name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' } });
  const when = el('input', { placeholder: 'callback.whenPlaceholder', attrs: { name: 'when', type: 'text', maxlength: '100' } });
  const topic = el('input', { attrs: { name: 'topic', type: 'text', maxlength: '200' } });
  topic.value = options.topic;
  const consent = el('input', { attrs: { name: 'consent', type: 'checkbox', required: true } });
  consent.id = `${id}-consent`;
  const send = el('button', { className: 'callback-send', i18n: 'callback.send', attrs: { type: 'submit' } });
  const cancel = el('button', { className: 'secondary callback-cancel', i18n: 'callback.cancel', attrs: { type: 'button' } });
  cancel.addEventListener('click', () => options.cancel());
  const form = el(
    'form',
    { className: 'callback-form', attrs: { 'novalidate': true, 'aria-labelledby': `${id}-title` } },
    el('h2', { className: 'callback-title', i18n: 'callback.title', attrs: { id: `${id}-title` } }),
    el('p', { className: 'call-hint', i18n: 'callback.hint' }),
    field('callback.name', name),
    el('div', { className: 'callback-row' }, field('callback.phone', phone), field('callback.email', email)),
    field('callback.when', when),
    field('callback.topic', topic),
    el('label', { className: 'callback-consent', attrs: { for: consent.id } }, consent, ' ', el('span', { i18n: 'callback.consent' })),
    error.element,
    el('div', { className: 'callback-actions' }, send, cancel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.clear();
    const token = options.token();
    const value = (input: HTMLInputElement) => (input.value.trim() === '' ? null : input.value.trim());
    if (!value(name)) return void error.show(t('callback.needName'));
    if (!value(phone) && !value(email)) return void error.show(t('callback.needContact'));
    if (!consent.checked) return void error.show(t('callback.needConsent'));
    if (!token) return void error.show(t('call.refused.not_joined'));
    send.disabled = true;
    callsApi
      .requestCallBack(token, options.roomId, {
        name: value(name)!,
        phone: value(phone),
        email: value(email),
        preferredTime: value(when),
        topic: value(topic),
        consent: true,
        locale: language(),
      })
      .then((callBack) => options.sent(callBack))
      .catch((failure: unknown) => {
        send.disabled = false;
        error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
      });
  });
  return form;
}
