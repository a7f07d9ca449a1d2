import { InlineError, el } from '../dom';
import { bind, t, type MessageKey } from '../i18n';

export interface ComposerOptions {
  /** Accessible label of the text box. */
  label: MessageKey;
  placeholder: MessageKey;
  submit: MessageKey;
  /** The longest text to send, until `setMaxLength` says otherwise. */
  maxLength: number;
  /** Sends the (trimmed) text. A rejected promise's message is shown under the box; the text stays. */
  onSubmit(text: string): Promise<void>;
  /** Turns a failure into the text to show. */
  describeError(error: unknown): string;
  className?: string;
}

/**
 * A text box with a live character counter and a send button. Enter sends (Shift+Enter is a line
 * break; Enter while an input method is composing, e.g. pinyin, is left to the input method).
 */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly _input: HTMLTextAreaElement;
  private readonly _counter: HTMLSpanElement;
  private readonly _submit: HTMLButtonElement;
  private readonly _error = new InlineError();
  private readonly _notice: HTMLParagraphElement;
  private _busy = false;
  private _disabledReason: MessageKey | null = null;
  private _maxLength: number;

  constructor(private readonly _options: ComposerOptions) {
    this._maxLength = _options.maxLength;
    this._input = el('textarea', {
      className: 'composer-input',
      label: _options.label,
      placeholder: _options.placeholder,
      attrs: { rows: '1', autocomplete: 'off', enterkeyhint: 'send' },
    });
    this._counter = el('span', { className: 'composer-counter', label: 'composer.counterLabel' });
    this._submit = el('button', { className: 'composer-submit', i18n: _options.submit, attrs: { type: 'submit' } });
    this._notice = el('p', { className: 'composer-notice' });
    this._notice.hidden = true;

    this.element = el(
      'form',
      { className: `composer ${_options.className ?? ''}`.trim(), attrs: { novalidate: true } },
      this._error.element,
      this._notice,
      el('div', { className: 'composer-row' }, this._input, this._submit),
      el('div', { className: 'composer-meta' }, this._counter),
    );

    this._input.addEventListener('input', () => {
      this._error.clear();
      this._update();
    });
    this._input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        void this._send();
      }
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this._send();
    });
    this._update();
  }

  get input(): HTMLTextAreaElement {
    return this._input;
  }

  /** Disables the composer and says why (e.g. the live has ended); `null` enables it again. */
  setDisabled(reason: MessageKey | null): void {
    this._disabledReason = reason;
    if (reason) {
      bind(this._notice, reason);
      this._error.clear();
    }
    this._notice.hidden = reason === null;
    this._update();
  }

  /** The longest text the server takes (e.g. its configured limit, once known); not a positive whole number: ignored. */
  setMaxLength(maxLength: number): void {
    if (!Number.isInteger(maxLength) || maxLength < 1) return;
    this._maxLength = maxLength;
    this._update();
  }

  showError(message: string): void {
    this._error.show(message);
  }

  private _update(): void {
    const length = this._input.value.length;
    const max = this._maxLength;
    bind(this._counter, 'composer.counter', { n: length, max });
    this._counter.classList.toggle('over', length > max);
    this._counter.classList.toggle('near', length > max * 0.9 && length <= max);
    const trimmed = this._input.value.trim().length;
    const disabled = this._disabledReason !== null;
    this._input.disabled = disabled;
    this._submit.disabled = disabled || this._busy || trimmed === 0 || trimmed > max;
  }

  private async _send(): Promise<void> {
    if (this._busy || this._disabledReason) return;
    const typed = this._input.value;
    const text = typed.trim();
    if (!text) return;
    if (text.length > this._maxLength) {
      this._error.show(t('composer.tooLong', { max: this._maxLength }));
      return;
    }
    this._busy = true;
    this._update();
    try {
      await this._options.onSubmit(text);
      // Clear only what was sent: the user may have typed something new while it was on its way.
      if (this._input.value === typed) this._input.value = '';
      this._error.clear();
    } catch (error) {
      this._error.show(this._options.describeError(error));
    } finally {
      this._busy = false;
      this._update();
      if (!this._disabledReason) this._input.focus();
    }
  }
}
