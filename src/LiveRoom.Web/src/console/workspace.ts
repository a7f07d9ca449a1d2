import type { Authed } from '../shared/api';
import type { MessageKey } from '../shared/i18n';
import type { Role, StaffUser } from '../shared/types';
import type { IconName } from './icons';

// What a console page is, and what the shell gives it. See README.md for how a page is added.

/** Gives back what a page took when it is left: timers, hub connections, players. */
export type Unmount = () => void;

/** What the shell hands every page. */
export interface PageContext {
  readonly user: StaffUser;
  /** Runs an API call with the staff token; a lapsed token signs the console out. */
  readonly authed: Authed;
  /** The staff token as it is now (for the hub connection, which asks again on every reconnect). */
  accessToken(): string;
  /** The session is no longer accepted (the hub said so): back to the sign-in form. */
  sessionExpired(): void;
  /** The page's part of the window title (null: the console's name alone). */
  setTitle(title: string | null): void;
}

/** One page of the workspace: an entry in the navigation and the hash route `#/{id}/{params...}`. */
export interface WorkspacePage {
  /** The first segment of the page's route, and its stable name (`data-page` on its nav link). */
  readonly id: string;
  readonly label: MessageKey;
  readonly icon: IconName;
  /** Who sees the page (everyone signed in when absent). */
  allowed?(role: Role): boolean;
  /** Builds the page into `container`; `params` are the route's segments after the id, decoded. */
  mount(container: HTMLElement, context: PageContext, params: readonly string[]): Unmount;
}
