import { MAX_CAPACITY, MIN_CAPACITY } from '../../shared/calls/types';

// What the Calls page remembers for an agent: the rooms they serve and their capacity (localStorage, so
// the next shift starts the same), and whether they were available (sessionStorage: a reload of the tab
// keeps it, a new tab starts away).

export interface CallPreferences {
  rooms: string[];
  capacity: number;
  available: boolean;
}

const key = (userId: string) => `liveroom.calls.${userId}`;
const availableKey = (userId: string) => `liveroom.calls.available.${userId}`;

export function loadCallPreferences(userId: string): CallPreferences {
  let stored: Partial<CallPreferences> = {};
  let available = false;
  try {
    stored = JSON.parse(localStorage.getItem(key(userId)) ?? '{}') as Partial<CallPreferences>;
    available = sessionStorage.getItem(availableKey(userId)) === '1';
  } catch {
    // Unreadable or disabled storage: the defaults.
  }
  const rooms = Array.isArray(stored.rooms) ? stored.rooms.filter((room): room is string => typeof room === 'string') : [];
  const capacity = typeof stored.capacity === 'number' ? Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, Math.round(stored.capacity))) : MIN_CAPACITY;
  return { rooms, capacity, available };
}

export function saveCallPreferences(userId: string, preferences: CallPreferences): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify({ rooms: preferences.rooms, capacity: preferences.capacity }));
    sessionStorage.setItem(availableKey(userId), preferences.available ? '1' : '0');
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}
