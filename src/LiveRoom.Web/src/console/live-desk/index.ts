import type { WorkspacePage } from '../workspace';
import { mountDesk } from './desk';
import { mountRoomPicker } from './room-picker';

/** Live desk: one room's preview, stream settings, chat and questions (#/live/{roomId}); without a room, a list to pick from. */
export const liveDeskPage: WorkspacePage = {
  id: 'live',
  label: 'nav.liveDesk',
  icon: 'live',
  mount: (container, context, [roomId]) => (roomId ? mountDesk(container, context, roomId) : mountRoomPicker(container, context)),
};
