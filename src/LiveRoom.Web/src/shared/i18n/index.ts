import { en, type Dictionary, type MessageKey } from './en';
import { zh } from './zh';
import type { Role } from '../types';

export type { MessageKey } from './en';
export type Language = 'en' | 'zh';
export type Params = Readonly<Record<string, string | number>>;

const STORAGE_KEY = 'liveroom.lang';
const dictionaries: Record<Language, Dictionary> = { en, zh };
const listeners = new Set<() => void>();

function detectLanguage(): Language {
  const stored = safeGet(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

let current: Language = detectLanguage();

export function language(): Language {
  return current;
}

/** BCP 47 tag of the current language, for `lang` attributes and Intl formatting. */
export function locale(): string {
  return current === 'zh' ? 'zh-CN' : 'en';
}

/** The text for `key` in the current language with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Params): string {
  const template = dictionaries[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function setLanguage(next: Language): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyTranslations(document);
  for (const listener of listeners) listener();
}

/** Calls `listener` after every language switch (for text that is computed, not bound). */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Slot = 'text' | 'placeholder' | 'aria-label' | 'title';
const slotAttribute: Record<Slot, string> = {
  'text': 'data-i18n',
  'placeholder': 'data-i18n-placeholder',
  'aria-label': 'data-i18n-aria-label',
  'title': 'data-i18n-title',
};

/**
 * Binds an element's text (or one of its attributes) to a message key, so a language switch updates it.
 * Parameters are kept in a data attribute (set with setAttribute, never parsed as HTML).
 */
export function bind(element: Element, key: MessageKey, params?: Params, slot: Slot = 'text'): void {
  element.setAttribute(slotAttribute[slot], key);
  const paramsAttribute = `${slotAttribute[slot]}-params`;
  if (params) element.setAttribute(paramsAttribute, JSON.stringify(params));
  else element.removeAttribute(paramsAttribute);
  render(element, slot);
}

function render(element: Element, slot: Slot): void {
  const key = element.getAttribute(slotAttribute[slot]) as MessageKey | null;
  if (!key || !(key in en)) return;
  const rawParams = element.getAttribute(`${slotAttribute[slot]}-params`);
  const text = t(key, rawParams ? (JSON.parse(rawParams) as Params) : undefined);
  if (slot === 'text') element.textContent = text;
  else element.setAttribute(slot, text);
}

/** Renders every bound element under `root` in the current language. */
export function applyTranslations(root: ParentNode): void {
  if (root === document) {
    document.documentElement.lang = locale();
    const titleKey = document.documentElement.getAttribute('data-title-key') as MessageKey | null;
    if (titleKey && titleKey in en) document.title = t(titleKey);
  }
  for (const slot of Object.keys(slotAttribute) as Slot[]) {
    for (const element of root.querySelectorAll(`[${slotAttribute[slot]}]`)) render(element, slot);
  }
}

/** A button that switches between Chinese and English and remembers the choice. */
export function createLanguageToggle(): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lang-toggle';
  bind(button, 'lang.switch');
  bind(button, 'lang.switchLabel', undefined, 'aria-label');
  button.addEventListener('click', () => setLanguage(current === 'zh' ? 'en' : 'zh'));
  return button;
}

/** The message key of a role's display name. */
export const roleKey = (role: Role): MessageKey => `role.${role}` as const;
