import { el } from './dom';
import type { MessageKey } from './i18n';

export interface TabDefinition {
  id: string;
  label: MessageKey;
  panel: HTMLElement;
}

let nextTabsId = 0;

/** Accessible tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, one panel visible). */
export class Tabs {
  readonly tabList: HTMLDivElement;
  readonly panels: HTMLDivElement;
  private readonly _tabs = new Map<string, { tab: HTMLButtonElement; panel: HTMLElement; badge: HTMLSpanElement }>();
  private _selected = '';

  constructor(definitions: readonly TabDefinition[], label: MessageKey) {
    const prefix = `tabs${nextTabsId++}`;
    this.tabList = el('div', { className: 'tab-list', label, attrs: { role: 'tablist' } });
    this.panels = el('div', { className: 'tab-panels' });
    for (const { id, label: tabLabel, panel } of definitions) {
      const text = el('span', { i18n: tabLabel });
      const badge = el('span', { className: 'tab-badge', attrs: { 'aria-hidden': 'true' } });
      badge.hidden = true;
      const tab = el(
        'button',
        { className: 'tab', attrs: { 'type': 'button', 'role': 'tab', 'id': `${prefix}-${id}-tab`, 'aria-controls': `${prefix}-${id}` } },
        text,
        badge,
      );
      panel.id = `${prefix}-${id}`;
      panel.classList.add('tab-panel');
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      tab.addEventListener('click', () => this.select(id));
      tab.addEventListener('keydown', (event) => this._onKey(event, id));
      this.tabList.append(tab);
      this.panels.append(panel);
      this._tabs.set(id, { tab, panel, badge });
    }
    const first = definitions[0];
    if (first) this.select(first.id);
  }

  get selected(): string {
    return this._selected;
  }

  select(id: string): void {
    this._selected = id;
    for (const [tabId, { tab, panel }] of this._tabs) {
      const active = tabId === id;
      tab.setAttribute('aria-selected', String(active));
      tab.tabIndex = active ? 0 : -1;
      panel.hidden = !active;
    }
  }

  /** Hides a tab (and its panel) or shows it again; hiding the selected tab selects the first visible one. */
  setHidden(id: string, hidden: boolean): void {
    const entry = this._tabs.get(id);
    if (!entry || entry.tab.hidden === hidden) return;
    entry.tab.hidden = hidden;
    if (hidden && this._selected === id) {
      const first = [...this._tabs].find(([, { tab }]) => !tab.hidden);
      if (first) this.select(first[0]);
    }
  }

  /** A small count next to a tab's label; 0 hides it. */
  setBadge(id: string, count: number): void {
    const entry = this._tabs.get(id);
    if (!entry) return;
    entry.badge.hidden = count <= 0;
    entry.badge.textContent = String(count);
  }

  private _onKey(event: KeyboardEvent, id: string): void {
    const ids = [...this._tabs].filter(([, { tab }]) => !tab.hidden).map(([tabId]) => tabId);
    const index = ids.indexOf(id);
    let next: string | undefined;
    if (event.key === 'ArrowRight') next = ids[(index + 1) % ids.length];
    else if (event.key === 'ArrowLeft') next = ids[(index - 1 + ids.length) % ids.length];
    else if (event.key === 'Home') next = ids[0];
    else if (event.key === 'End') next = ids[ids.length - 1];
    if (next === undefined) return;
    event.preventDefault();
    this.select(next);
    this._tabs.get(next)?.tab.focus();
  }
}
