import type { Playback, RecordingInfo } from '../types';

/** What the video area shows; a room page derives it from the room (see `videoStateOf`). */
export type VideoState =
  | { kind: 'scheduled' }
  | { kind: 'live'; playback: Playback }
  | { kind: 'interrupted'; playback: Playback }
  | { kind: 'ended' }
  | { kind: 'preparing'; progress: number }
  | { kind: 'replay'; recording: RecordingInfo }
  | { kind: 'noReplay' }
  /** A WebRTC stream (a call); `muted` for one's own camera. */
  | { kind: 'stream'; stream: MediaStream; muted: boolean };

/** Whether `b` shows what `a` shows already (same sources, same progress): the player then does nothing. */
export const sameState = (a: VideoState | null, b: VideoState): boolean => {
  if (!a || a.kind !== b.kind) return false;
  switch (b.kind) {
    case 'live':
    case 'interrupted': {
      const p = (a as typeof b).playback;
      return p.hls === b.playback.hls && p.flv === b.playback.flv;
    }
    case 'replay':
      return (a as typeof b).recording.url === b.recording.url;
    case 'preparing':
      return (a as typeof b).progress === b.progress;
    case 'stream':
      return (a as typeof b).stream === b.stream && (a as typeof b).muted === b.muted;
    default:
      return true;
  }
};
