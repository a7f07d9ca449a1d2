import { bind, locale, type MessageKey, type Params } from './i18n';

// DOM helpers. User-supplied text only ever reaches the page through textContent or text nodes:
// nothing here parses HTML.

export type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  /** Plain text content (set with textContent). */
  text?: string;
  /** A message key bound to the element's text, re-rendered on a language switch. */
  i18n?: MessageKey;
  params?: Params;
  /** A message key bound to the aria-label. */
  label?: MessageKey;
  labelParams?: Params;
  /** A message key bound to the placeholder. */
  placeholder?: MessageKey;
  attrs?: Readonly<Record<string, string | boolean | undefined>>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** Creates an element; string children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.i18n) bind(element, options.i18n, options.params);
  if (options.label) bind(element, options.label, options.labelParams, 'aria-label');
  if (options.placeholder) bind(element, options.placeholder, undefined, 'placeholder');
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const [type, handler] of Object.entries(options.on ?? {})) {
    element.addEventListener(type, handler as EventListener);
  }
  append(element, ...children);
  return element;
}

export function append(parent: ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A button that is type="button" unless told otherwise. */
export function button(
  textKey: MessageKey,
  onClick: (event: MouseEvent) => void,
  options: ElementOptions = {},
): HTMLButtonElement {
  const result = el('button', { ...options, i18n: textKey, attrs: { type: 'button', ...options.attrs } });
  result.addEventListener('click', onClick);
  return result;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * Makes `parent`'s children exactly `wanted`, in order, moving only the nodes that are out of place
 * (a moved node loses focus, so a refresh should not disturb what the user is working in).
 */
export function reconcileChildren(parent: Element, wanted: readonly Element[]): void {
  const keep = new Set(wanted);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  wanted.forEach((node, index) => {
    const current = parent.children[index];
    if (current !== node) parent.insertBefore(node, current ?? null);
  });
}

/** True when a scrollable element is (nearly) scrolled to its end. */
export function isNearBottom(element: HTMLElement, slack = 80): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= slack;
}

export function scrollToBottom(element: HTMLElement): void {
  element.scrollTop = element.scrollHeight;
}

/** A message line under an input; role="alert" so screen readers announce it. Clears itself. */
export class InlineError {
  readonly element: HTMLParagraphElement;
  private _timer: number | undefined;

  constructor(private readonly _autoHideMs = 8000) {
    this.element = el('p', { className: 'inline-error', attrs: { 'role': 'alert', 'aria-live': 'assertive' } });
    this.element.hidden = true;
  }

  show(message: string): void {
    this.element.textContent = message;
    this.element.hidden = false;
    window.clearTimeout(this._timer);
    if (this._autoHideMs > 0) this._timer = window.setTimeout(() => this.clear(), this._autoHideMs);
  }

  clear(): void {
    window.clearTimeout(this._timer);
    this.element.hidden = true;
    this.element.textContent = '';
  }
}

let toastRegion: HTMLElement | undefined;

/** A short, non-blocking notice at the bottom of the screen. */
export function toast(message: string, kind: 'info' | 'error' = 'info', durationMs = 5000): void {
  if (!toastRegion) {
    toastRegion = el('div', { className: 'toasts', attrs: { 'role': 'status', 'aria-live': 'polite' } });
    document.body.append(toastRegion);
  }
  const item = el('div', { className: `toast toast-${kind}`, text: message });
  toastRegion.append(item);
  window.setTimeout(() => item.remove(), durationMs);
}

/** One button of a {@link choiceDialog}. */
export interface DialogChoice<T extends string> {
  key: MessageKey;
  value: T;
  className?: string;
}

/**
 * A modal question with one button per choice; the first (the safe one) has the focus. Resolves with the
 * chosen value, or null when the dialog is dismissed (Escape).
 */
export function choiceDialog<T extends string>(message: string, choices: readonly DialogChoice<T>[]): Promise<T | null> {
  return new Promise((resolve) => {
    const dialog = el('dialog', { className: 'confirm-dialog' });
    const text = el('p', { text: message });
    const buttons = choices.map((choice) => button(choice.key, () => dialog.close(choice.value), { className: choice.className ?? 'secondary' }));
    append(dialog, text, el('div', { className: 'dialog-actions' }, ...buttons));
    dialog.addEventListener('close', () => {
      resolve(choices.find((choice) => choice.value === dialog.returnValue)?.value ?? null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    buttons[0]?.focus();
  });
}

/** A modal yes/no question built on <dialog> (no window.confirm, which blocks the page). */
export function confirmDialog(message: string, confirmKey: MessageKey, cancelKey: MessageKey): Promise<boolean> {
  return choiceDialog(message, [
    { key: cancelKey, value: 'cancel' },
    { key: confirmKey, value: 'ok', className: 'danger' },
  ]).then((choice) => choice === 'ok');
}

/** Copies text to the clipboard; falls back to a selection copy where the Clipboard API is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection copy.
  }
  const area = el('textarea', { className: 'offscreen', attrs: { 'readonly': true, 'aria-hidden': 'true' } });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}
