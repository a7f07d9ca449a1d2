import { canManageRooms } from '../../shared/types';
import type { WorkspacePage } from '../workspace';
import { mountRooms } from './rooms-page';

/** Rooms: create rooms, see them all, their stream settings, and their replays once ended. */
export const roomsPage: WorkspacePage = {
  id: 'rooms',
  label: 'nav.rooms',
  icon: 'rooms',
  mount: (container, context) => mountRooms(container, context, canManageRooms(context.user.role)),
};
