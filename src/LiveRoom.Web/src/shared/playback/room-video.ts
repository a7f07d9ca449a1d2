import { recordingStateOf } from '../recording';
import type { RoomInfo } from '../types';
import type { VideoState } from './player';

/**
 * What the video area shows for a room. `fresh` says whether `room` came from the server after its
 * last status change (a status event carries only the status: recording details follow a re-fetch).
 */
export function videoStateOf(room: RoomInfo, fresh: boolean): VideoState {
  switch (room.status) {
    case 'scheduled':
      return { kind: 'scheduled' };
    case 'live':
      return { kind: 'live', playback: room.playback };
    case 'interrupted':
      return { kind: 'interrupted', playback: room.playback };
    case 'ended': {
      const recording = recordingStateOf(room);
      if (recording.kind === 'ready') return { kind: 'replay', recording: recording.recording };
      if (!fresh) return { kind: 'ended' };
      return recording.kind === 'preparing' ? { kind: 'preparing', progress: recording.progress } : { kind: 'noReplay' };
    }
  }
}
