// The one shape every way of playing video has: HLS (hls.js or the browser's own), HTTP-FLV (mpegts.js),
// a recorded file (the replay) and a WebRTC stream (calls). The player component (player.ts) picks one,
// attaches it to its <video> and reacts to its events; nothing outside this folder knows which it is.

/** How the picture is being played: `data-engine` on the video area, for tests and styling. */
export type EngineKind = 'hls' | 'native-hls' | 'flv' | 'mp4' | 'webrtc';

/** Why an engine gave up. */
export type PlaybackFailure =
  /** This engine cannot run in this browser (no Media Source Extensions, no live FLV): another may. */
  | 'unavailable'
  /** The media cannot be decoded here (codec, container): no engine will do better. */
  | 'unsupported'
  /** Loading or decoding failed; trying again later may work. */
  | 'failed';

export type PlaybackEvent =
  /** Frames are moving. */
  | { type: 'playing' }
  /** Waiting for data (buffer ran dry); `playing` follows when it is back. */
  | { type: 'stalled' }
  /** The browser refused to start playing without a tap (autoplay policy), even muted. */
  | { type: 'blocked' }
  /** The source finished: the server closed a live stream, or a WebRTC track ended. */
  | { type: 'ended' }
  | { type: 'error'; failure: PlaybackFailure };

export type PlaybackListener = (event: PlaybackEvent) => void;

/**
 * A way of playing one source into a <video>. Used once: `attach`, `start`, then `stop` (keep the last
 * frame) and finally `destroy`. After `destroy` it emits nothing more.
 */
export interface PlaybackEngine {
  readonly kind: EngineKind;
  /** Binds the engine to the element it plays into (it does not load anything yet). */
  attach(video: HTMLVideoElement): void;
  /** Starts loading and, for live sources, playing. */
  start(): void;
  /** Stops loading and pauses; the last frame stays on screen. */
  stop(): void;
  /** Releases everything (network, decoders, the element's source). */
  destroy(): void;
  /** Calls `listener` with every event until the returned function is called. */
  on(listener: PlaybackListener): () => void;
  /** How far behind the live edge the picture is, in seconds, when the engine knows it. */
  latency(): number | null;
  /**
   * The moment of the frame on screen on the stream's clock (the HLS program date-time), in epoch
   * milliseconds: null while not known yet; undefined for an engine that has no such clock.
   */
  playingDate?(): number | null;
  /**
   * When the frame on screen reached the server (the server's clock, epoch milliseconds), for engines that
   * learn it from the stream (HTTP-FLV's clock cues); null while not known yet.
   */
  arrivalDate?(): number | null;
}

/** H.264 video with AAC sound: what the server's HLS, HTTP-FLV and recordings carry. */
export const H264_AAC = 'video/mp4; codecs="avc1.42E01E,mp4a.40.2"';

/** The Media Source Extensions constructor (ManagedMediaSource on iPhones), when there is one. */
function mediaSourceType(): typeof MediaSource | undefined {
  const scope = window as unknown as { ManagedMediaSource?: typeof MediaSource; MediaSource?: typeof MediaSource };
  return scope.ManagedMediaSource ?? scope.MediaSource;
}

/** True when the browser can feed H.264/AAC through Media Source Extensions (hls.js, mpegts.js). */
export function canPlayH264WithMse(): boolean {
  try {
    return mediaSourceType()?.isTypeSupported(H264_AAC) ?? false;
  } catch {
    return false;
  }
}

/**
 * What every engine shares: the listeners, the element, the `destroyed` guard, and the element events
 * that mean the same for all of them (playing, waiting, error).
 */
export abstract class EngineBase implements PlaybackEngine {
  abstract readonly kind: EngineKind;
  private readonly _listeners = new Set<PlaybackListener>();
  private _video: HTMLVideoElement | null = null;
  private _destroyed = false;
  private readonly _onPlaying = () => this.emit({ type: 'playing' });
  private readonly _onWaiting = () => this.emit({ type: 'stalled' });
  private readonly _onError = () => this.emit({ type: 'error', failure: this.mediaErrorFailure(this.video.error) });

  protected get video(): HTMLVideoElement {
    if (!this._video) throw new Error('The playback engine is not attached to a video element.');
    return this._video;
  }

  protected get destroyed(): boolean {
    return this._destroyed;
  }

  attach(video: HTMLVideoElement): void {
    this._video = video;
    video.addEventListener('playing', this._onPlaying);
    video.addEventListener('waiting', this._onWaiting);
    video.addEventListener('error', this._onError);
  }

  abstract start(): void;

  stop(): void {
    this._video?.pause();
  }

  destroy(): void {
    if (this._destroyed) return;
    this._destroyed = true;
    this._listeners.clear();
    const video = this._video;
    if (!video) return;
    video.removeEventListener('playing', this._onPlaying);
    video.removeEventListener('waiting', this._onWaiting);
    video.removeEventListener('error', this._onError);
    this.release(video);
  }

  on(listener: PlaybackListener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  latency(): number | null {
    return null;
  }

  /** Gives back what `start` took (players, the element's source). Called once, from `destroy`. */
  protected abstract release(video: HTMLVideoElement): void;

  /** What an error on the element means for this engine; by default, worth another try. */
  protected mediaErrorFailure(_error: MediaError | null): PlaybackFailure {
    return 'failed';
  }

  protected emit(event: PlaybackEvent): void {
    if (this._destroyed) return;
    for (const listener of [...this._listeners]) listener(event);
  }

  /**
   * Starts playing. Browsers allow sound only after a tap: refused with sound, it tries again muted;
   * refused even then (e.g. in power-saving mode), it reports `blocked` and waits for the page to ask again.
   */
  protected play(): void {
    const video = this.video;
    void video.play().catch((error: unknown) => {
      if (this._destroyed) return;
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
      if (!video.muted) {
        video.muted = true;
        this.play();
        return;
      }
      this.emit({ type: 'blocked' });
    });
  }
}

/** Seconds between the playhead and the end of what is buffered: a live engine's latency without a playlist clock. */
export function bufferedAhead(video: HTMLVideoElement): number | null {
  const ranges = video.buffered;
  if (ranges.length === 0) return null;
  return Math.max(0, ranges.end(ranges.length - 1) - video.currentTime);
}
