import { api, ApiError } from '../../shared/api';
import { el, InlineError } from '../../shared/dom';
import type { StaffRoom } from '../../shared/types';
import { StatusBadge, ViewerCount } from '../../shared/widgets';
import { formatHash } from '../routes';
import type { PageContext, Unmount } from '../workspace';

/** The rooms that have not ended, to open one's desk from; `none` when every room has ended. */
export type PickerState =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'ready'; rooms: readonly StaffRoom[] }
  | { kind: 'error'; message: string };

/** Live rooms first, then interrupted, then scheduled; the newest first within each. */
const order: Record<StaffRoom['status'], number> = { live: 0, interrupted: 1, scheduled: 2, ended: 3 };

/** The live desk without a room (#/live): a list of the open rooms to choose from. */
export function mountRoomPicker(container: HTMLElement, context: PageContext): Unmount {
  const body = el('div', { className: 'desk-picker-body' });
  const error = new InlineError(0);
  let disposed = false;
  container.append(el('section', { className: 'desk-picker' }, el('h2', { i18n: 'desk.title' }), error.element, body));

  const render = (state: PickerState) => {
    if (state.kind === 'error') error.show(state.message);
    else error.clear();
    switch (state.kind) {
      case 'loading':
        body.replaceChildren(el('p', { className: 'muted', i18n: 'loading' }));
        break;
      case 'none':
        body.replaceChildren(el('p', { className: 'empty-state', i18n: 'desk.noRooms' }));
        break;
      case 'error':
        body.replaceChildren();
        break;
      case 'ready':
        body.replaceChildren(
          el('p', { i18n: 'desk.pick' }),
          el('ul', { className: 'desk-picker-list' }, ...state.rooms.map((room) => pickerItem(room))),
        );
        break;
    }
  };

  render({ kind: 'loading' });
  context
    .authed((token) => api.listRooms(token))
    .then((rooms) => {
      if (disposed) return;
      const open = rooms
        .filter((room) => room.status !== 'ended')
        .sort((a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt));
      render(open.length > 0 ? { kind: 'ready', rooms: open } : { kind: 'none' });
    })
    .catch((failure: unknown) => {
      if (!disposed && failure instanceof ApiError && failure.status !== 401) render({ kind: 'error', message: failure.userMessage });
    });
  return () => {
    disposed = true;
  };
}

function pickerItem(room: StaffRoom): HTMLLIElement {
  const status = new StatusBadge();
  status.set(room.status);
  const viewers = new ViewerCount();
  viewers.set(room.viewerCount);
  return el(
    'li',
    { className: 'desk-picker-item', attrs: { 'data-room-id': room.id } },
    el('a', { text: room.title, attrs: { href: formatHash({ page: 'live', params: [room.id] }) } }),
    el('span', { className: 'room-meta' }, status.element, viewers.element),
  );
}
