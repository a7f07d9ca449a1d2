import { ApiError } from '../shared/api';
import { el, InlineError } from '../shared/dom';
import { t } from '../shared/i18n';

/** The viewer page's "choose a name" form. */
export interface JoinForm {
  readonly element: HTMLFormElement;
  /** Puts the cursor in the name, selected, so a visitor can type over the suggestion. */
  focus(): void;
}

/**
 * A form asking for a display name (1–40 characters, no control characters, as the server wants).
 * `join` is called with a valid name; while it runs the button is disabled, and if it fails the form
 * shows why and can be sent again.
 */
export function createJoinForm(suggestedName: string, join: (name: string) => Promise<void>): JoinForm {
  const error = new InlineError(0);
  const input = el('input', {
    className: 'join-name',
    attrs: { id: 'join-name', type: 'text', maxlength: '40', autocomplete: 'nickname', required: true, enterkeyhint: 'go' },
  });
  input.value = suggestedName;
  const submit = el('button', { i18n: 'join.submit', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'join-form', attrs: { novalidate: true } },
    el('h2', { i18n: 'join.title' }),
    el('p', { className: 'hint', i18n: 'join.hint' }),
    el('label', { i18n: 'join.name', attrs: { for: 'join-name' } }),
    el('div', { className: 'join-row' }, input, submit),
    error.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (name.length < 1 || name.length > 40 || /[\u0000-\u001f\u007f]/.test(name)) {
      error.show(t('join.nameInvalid'));
      input.focus();
      return;
    }
    submit.disabled = true;
    error.clear();
    join(name).catch((failure: unknown) => {
      submit.disabled = false;
      error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
    });
  });
  return {
    element: form,
    focus: () => {
      input.focus();
      input.select();
    },
  };
}
