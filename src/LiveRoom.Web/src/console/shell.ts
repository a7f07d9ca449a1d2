import type { Authed } from '../shared/api';
import { button, el } from '../shared/dom';
import { bind, createLanguageToggle, onLanguageChange, roleKey, t } from '../shared/i18n';
import type { StaffUser } from '../shared/types';
import { icon } from './icons';
import { canonical, formatHash, HOME, parseHash, sameRoute, type Route } from './routes';
import type { PageContext, Unmount, WorkspacePage } from './workspace';

export interface ShellOptions {
  user: StaffUser;
  authed: Authed;
  accessToken(): string;
  pages: readonly WorkspacePage[];
  signOut(): void;
  sessionExpired(): void;
}

/** The page on screen: which one, at which route, and how to leave it. */
type Current = { kind: 'none' } | { kind: 'mounted'; page: WorkspacePage; route: Route; unmount: Unmount };

/**
 * The signed-in console: a header (who, language, sign out), the workspace navigation (a sidebar on wide
 * screens, a bar under the header on phones) and the page the hash route names. Each nav item links to
 * where its page was last left, so going from a room's desk to the list and back returns to that room.
 */
export class Shell {
  readonly element: HTMLElement;
  private readonly _main: HTMLElement;
  private readonly _links = new Map<string, HTMLAnchorElement>();
  private readonly _pages: readonly WorkspacePage[];
  private readonly _context: PageContext;
  private _current: Current = { kind: 'none' };
  private readonly _stopWho: () => void;
  private readonly _onHashChange = () => this._route();

  constructor(options: ShellOptions) {
    const user = options.user;
    this._pages = options.pages.filter((page) => page.allowed?.(user.role) ?? true);
    const who = el('span', { className: 'who' });
    const renderWho = () => bind(who, 'signedInAs', { name: user.displayName, role: t(roleKey(user.role)) });
    renderWho();
    this._stopWho = onLanguageChange(renderWho);

    const list = el('ul', { className: 'workspace-nav-list' });
    for (const page of this._pages) {
      const link = el(
        'a',
        { className: 'workspace-nav-link', attrs: { 'href': formatHash({ page: page.id, params: [] }), 'data-page': page.id } },
        icon(page.icon),
        el('span', { className: 'nav-text', i18n: page.label }),
      );
      this._links.set(page.id, link);
      list.append(el('li', {}, link));
    }
    this._main = el('main', { className: 'console-main', attrs: { id: 'view' } });
    this.element = el(
      'div',
      { className: 'workspace' },
      el(
        'header',
        { className: 'console-header' },
        el('a', { className: 'brand', i18n: 'console.title', attrs: { href: formatHash(HOME) } }),
        el('div', { className: 'header-tools' }, who, createLanguageToggle(), button('logout', () => options.signOut(), { className: 'secondary small' })),
      ),
      el('nav', { className: 'workspace-nav', label: 'nav.label' }, list),
      this._main,
    );
    this._context = {
      user,
      authed: options.authed,
      accessToken: () => options.accessToken(),
      sessionExpired: () => options.sessionExpired(),
      setTitle: (title) => {
        if (title === null) {
          document.documentElement.setAttribute('data-title-key', 'console.title');
          document.title = t('console.title');
        } else {
          document.documentElement.removeAttribute('data-title-key');
          document.title = `${title} · ${t('console.title')}`;
        }
      },
    };
  }

  /** Shows the page the address names and follows the address from now on. */
  start(): void {
    window.addEventListener('hashchange', this._onHashChange);
    this._route();
  }

  dispose(): void {
    window.removeEventListener('hashchange', this._onHashChange);
    this._stopWho();
    this._unmount();
  }

  private _route(): void {
    let route = parseHash(location.hash);
    const replacement = canonical(route);
    if (replacement) {
      // An old or empty address: show the page it means under its current address, without a new history entry.
      route = replacement;
      history.replaceState(history.state, '', formatHash(route));
    }
    const target = route ?? HOME;
    if (this._current.kind === 'mounted' && sameRoute(this._current.route, target)) return;
    const page = this._pages.find((candidate) => candidate.id === target.page);
    if (!page) {
      history.replaceState(history.state, '', formatHash(HOME));
      this._route();
      return;
    }
    this._unmount();
    const container = el('div', { className: 'workspace-page', attrs: { 'data-page': page.id } });
    this._main.replaceChildren(container);
    const unmount = page.mount(container, this._context, target.params);
    this._current = { kind: 'mounted', page, route: target, unmount };
    this._markCurrent(page, target);
    window.scrollTo(0, 0);
  }

  private _unmount(): void {
    if (this._current.kind !== 'mounted') return;
    const { unmount } = this._current;
    this._current = { kind: 'none' };
    unmount();
    this._context.setTitle(null);
  }

  /** aria-current on the page's nav item; its link now returns to this route. */
  private _markCurrent(page: WorkspacePage, route: Route): void {
    for (const [id, link] of this._links) {
      if (id === page.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this._links.get(page.id)?.setAttribute('href', formatHash(route));
  }
}
