import type { Playback } from '../types';
import { canPlayH264WithMse, type PlaybackEngine, type PlaybackEvent } from './engine';
import { FlvEngine } from './flv';
import { HlsEngine, NativeHlsEngine } from './hls';

const RETRY_MS = 5000;
const QUIET_RETRY_MS = 2000;
const QUIET_FAILURES = 4;

/** How a live room can be played in this browser. */
export type LiveChoice =
  | { kind: 'unsupported' }
  /** `lowLatency`: whether "Low latency" (HTTP-FLV) can be offered here. */
  | { kind: 'engine'; engine: PlaybackEngine; lowLatency: boolean };

/**
 * The engine for a live room: HTTP-FLV with mpegts.js when "Low latency" is on (and the room has it),
 * else HLS with hls.js, else the browser's own HLS where it has no Media Source Extensions but plays HLS
 * itself; nothing where it has neither.
 */
export function chooseLiveEngine(playback: Playback, video: HTMLVideoElement, lowLatencyOn: boolean): LiveChoice {
  const mse = canPlayH264WithMse();
  const nativeHls = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  if (!mse && !nativeHls) return { kind: 'unsupported' };
  const lowLatency = mse && !!playback.flv;
  let engine: PlaybackEngine;
  if (mse && lowLatencyOn && playback.flv) engine = new FlvEngine(playback.flv);
  else if (mse) engine = new HlsEngine(playback.hls);
  else engine = new NativeHlsEngine(playback.hls);
  return { kind: 'engine', engine, lowLatency };
}

/** The engine to fall back to after `event`: HLS when there is no live FLV here; null when none. */
export function liveFallback(event: PlaybackEvent, engine: PlaybackEngine, playback: Playback): PlaybackEngine | null {
  return event.type === 'error' && event.failure === 'unavailable' && engine.kind === 'flv' ? new HlsEngine(playback.hls) : null;
}

/**
 * When to try a failed live playback again. The first few failures in a row retry quickly and quietly
 * (`soft`): just after a room goes live its playlist takes a segment or two to appear (404 until then).
 */
export function liveRetry(failuresBefore: number, quiet: boolean): { soft: boolean; delayMs: number } {
  const soft = quiet || failuresBefore < QUIET_FAILURES;
  return { soft, delayMs: soft ? QUIET_RETRY_MS : RETRY_MS };
}
