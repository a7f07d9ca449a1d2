import '../shared/styles/base.css';
import './viewer.css';
import { api, ApiError } from '../shared/api';
import { applyTranslations } from '../shared/i18n';
import type { RoomInfo } from '../shared/types';
import type { PageState } from './state';
import { messagePage, ViewerPage } from './viewer-page';

// The viewer page, served at /r/{roomId}.

const app = document.getElementById('app') as HTMLElement;

/** The room id from a path such as /r/abc123 (a trailing slash or sub-path is tolerated). */
function roomIdFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/]+)/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Shows the page in state `next` (the page's HTML itself is the `loading` state). */
function enter(next: PageState): void {
  document.body.classList.toggle('message-page', next.kind === 'notFound' || next.kind === 'loadFailed');
  switch (next.kind) {
    case 'loading':
      break;
    case 'notFound':
      app.replaceChildren(messagePage('room.notFound'));
      break;
    case 'loadFailed':
      app.replaceChildren(messagePage('room.loadFailed'));
      break;
    case 'room':
      app.replaceChildren(next.page.element);
      next.page.begin();
      break;
  }
}

async function main(): Promise<void> {
  applyTranslations(document);
  const roomId = roomIdFromPath(location.pathname);
  if (!roomId) {
    enter({ kind: 'notFound' });
    return;
  }
  let room: RoomInfo;
  try {
    room = await api.getRoom(roomId);
  } catch (error) {
    enter({ kind: error instanceof ApiError && (error.status === 404 || error.status === 400) ? 'notFound' : 'loadFailed' });
    return;
  }
  // Joining can find the room gone (deleted since it was read): then it is "not found" after all.
  enter({ kind: 'room', page: new ViewerPage(roomId, room, () => enter({ kind: 'notFound' })) });
}

void main();
