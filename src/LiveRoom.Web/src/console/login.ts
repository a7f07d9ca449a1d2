import { api, ApiError } from '../shared/api';
import { el, InlineError } from '../shared/dom';
import { createLanguageToggle, t } from '../shared/i18n';
import type { StaffSession } from '../shared/storage';

/** Why the sign-in form is shown: first visit or signed out (null), or the session lapsed. */
export type SignInReason = 'login.expired' | null;

/** The staff sign-in card; `signedIn` gets the new session. */
export function loginCard(reason: SignInReason, signedIn: (session: StaffSession) => void): { element: HTMLElement; focus(): void } {
  const error = new InlineError(0);
  const email = el('input', { attrs: { id: 'login-email', type: 'email', autocomplete: 'username', required: true } });
  const password = el('input', { attrs: { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true } });
  const submit = el('button', { i18n: 'login.submit', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'login-form', attrs: { novalidate: true } },
    el('label', { i18n: 'login.email', attrs: { for: 'login-email' } }),
    email,
    el('label', { i18n: 'login.password', attrs: { for: 'login-password' } }),
    password,
    error.element,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      error.show(t('login.wrong'));
      return;
    }
    submit.disabled = true;
    error.clear();
    api
      .login(email.value.trim(), password.value)
      .then((result) => signedIn({ accessToken: result.accessToken, expiresAt: Date.now() + result.expiresIn * 1000, user: result.user }))
      .catch((failure: unknown) => {
        submit.disabled = false;
        if (failure instanceof ApiError && (failure.status === 401 || failure.status === 400)) error.show(t('login.wrong'));
        else if (failure instanceof ApiError && failure.status === 429) error.show(t('login.tooMany'));
        else error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
        password.select();
      });
  });
  const element = el(
    'main',
    { className: 'login-card' },
    el('div', { className: 'message-toolbar' }, createLanguageToggle()),
    el('h1', { i18n: 'console.title' }),
    el('h2', { i18n: 'login.title' }),
    reason ? el('p', { className: 'notice', i18n: reason }) : null,
    form,
  );
  return { element, focus: () => email.focus() };
}
