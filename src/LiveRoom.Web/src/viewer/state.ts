import type { ConnectionState, RoomConnection } from '../shared/hub';
import type { StoredViewer } from '../shared/storage';
import type { RoomInfo } from '../shared/types';
import type { ViewerPage } from './viewer-page';

// The viewer page's states, each a union: what is true together is held together, and what cannot be
// true together cannot be written down.

/** The whole page: the room is being read, or it could not be, or it is shown. */
export type PageState =
  | { kind: 'loading' }
  | { kind: 'notFound' }
  | { kind: 'loadFailed' }
  | { kind: 'room'; page: ViewerPage };

/** Where the visitor stands with the room's live connection. */
export type ViewerPhase =
  /** The page is built, `begin` has not run yet. */
  | { kind: 'arriving' }
  /** The "choose a name" form is shown. */
  | { kind: 'naming' }
  /** An ended room needs no name: a guest identity is being made (if that failed, the panel says why). */
  | { kind: 'makingGuest' }
  /** An identity is in use and its connection joins the room (and rejoins after every drop). */
  | { kind: 'joined'; viewer: StoredViewer; hub: RoomConnection; connection: ConnectionState };

/**
 * The room as the page knows it. A status event carries only the status: until the room is read again
 * it is `stale` (its playback and recording details may be out of date).
 */
export type KnownRoom = { kind: 'fresh'; room: RoomInfo } | { kind: 'stale'; room: RoomInfo };

/** Re-reading the room (`GET /api/rooms/{id}`): nothing running, or one read running (and whether another is wanted after it). */
export type RoomRead = { kind: 'idle' } | { kind: 'reading'; again: boolean };
