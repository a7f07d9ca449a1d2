import type { StaffUser } from './types';

// What the pages remember: a viewer identity per room (localStorage, so it survives a reload and
// keeps one's votes), the staff token (sessionStorage: gone when the tab closes), and votes cast.

export interface StoredViewer {
  viewerId: string;
  accessToken: string;
  displayName: string;
  /** Epoch milliseconds after which the token is no longer accepted; absent when unknown. */
  expiresAt?: number;
}

export interface StaffSession {
  accessToken: string;
  expiresAt: number;
  user: StaffUser;
}

function read<T>(store: Storage, key: string): T | null {
  try {
    const raw = store.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(store: Storage, key: string, value: unknown): void {
  try {
    if (value === null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}

const viewerKey = (roomId: string) => `liveroom.viewer.${roomId}`;
const votesKey = (roomId: string, viewerId: string) => `liveroom.votes.${roomId}.${viewerId}`;
const STAFF_KEY = 'liveroom.staff';
/** Treat a token as expired a little early, so it does not lapse mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

export function loadViewer(roomId: string): StoredViewer | null {
  const stored = read<StoredViewer>(localStorage, viewerKey(roomId));
  if (!stored || typeof stored.accessToken !== 'string' || typeof stored.viewerId !== 'string') return null;
  if (stored.expiresAt && stored.expiresAt - EXPIRY_MARGIN_MS < Date.now()) return null;
  return stored;
}

export function saveViewer(roomId: string, viewer: StoredViewer | null): void {
  write(localStorage, viewerKey(roomId), viewer);
}

export function loadVotes(roomId: string, viewerId: string): Set<string> {
  return new Set(read<string[]>(localStorage, votesKey(roomId, viewerId)) ?? []);
}

export function saveVotes(roomId: string, viewerId: string, votes: ReadonlySet<string>): void {
  write(localStorage, votesKey(roomId, viewerId), [...votes]);
}

export function loadStaffSession(): StaffSession | null {
  const stored = read<StaffSession>(sessionStorage, STAFF_KEY);
  if (!stored || typeof stored.accessToken !== 'string') return null;
  if (stored.expiresAt - EXPIRY_MARGIN_MS < Date.now()) return null;
  return stored;
}

export function saveStaffSession(session: StaffSession | null): void {
  write(sessionStorage, STAFF_KEY, session);
}
