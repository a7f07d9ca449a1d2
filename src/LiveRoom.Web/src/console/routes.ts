// The console's hash routes: #/{page}/{params...}. Pure functions, so the shell only reads and writes.

export interface Route {
  page: string;
  params: string[];
}

/** The route the console opens when the hash names none. */
export const HOME: Route = { page: 'rooms', params: [] };

/**
 * Older addresses that still work: `#/` and an empty hash (the room list), and `#/rooms/{id}` (a room's
 * moderation, which is now the live desk). Returns the route to show instead, or null.
 */
export function canonical(route: Route | null): Route | null {
  if (route === null) return HOME;
  if (route.page === 'rooms' && route.params.length > 0) return { page: 'live', params: route.params.slice(0, 1) };
  return null;
}

/** Reads `#/a/b%2Fc` as {page: 'a', params: ['b/c']}; null for an empty route or a malformed escape. */
export function parseHash(hash: string): Route | null {
  const path = hash.replace(/^#\/?/, '');
  const segments = path.split('/').filter((segment) => segment !== '');
  try {
    const [page, ...params] = segments.map((segment) => decodeURIComponent(segment));
    return page ? { page, params } : null;
  } catch {
    return null;
  }
}

export function formatHash(route: Route): string {
  return `#/${[route.page, ...route.params].map((segment) => encodeURIComponent(segment)).join('/')}`;
}

export const sameRoute = (a: Route | null, b: Route): boolean =>
  a !== null && a.page === b.page && a.params.length === b.params.length && a.params.every((param, index) => param === b.params[index]);
