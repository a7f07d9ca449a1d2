import type { RecordingInfo, RoomInfo } from './types';

/** Where an ended room's replay stands. */
export type RecordingState =
  | { kind: 'ready'; recording: RecordingInfo }
  | { kind: 'preparing'; progress: number }
  | { kind: 'none' };

/**
 * The replay state of an ended room as `GET /api/rooms/{id}` describes it: the recording once stored;
 * while `recordingProgress` is a number, being made; otherwise none. A room that never went live
 * (`liveSince` null) has nothing to record, whatever the progress says.
 */
export function recordingStateOf(room: RoomInfo): RecordingState {
  if (room.recording) return { kind: 'ready', recording: room.recording };
  if (room.liveSince && typeof room.recordingProgress === 'number') {
    return { kind: 'preparing', progress: Math.min(1, Math.max(0, room.recordingProgress)) };
  }
  return { kind: 'none' };
}

/** A progress fraction as a whole percentage (never 100 before the recording is ready). */
export const percent = (fraction: number): number => Math.min(99, Math.floor(fraction * 100));
