import { el } from '../dom';
import { bind, type MessageKey } from '../i18n';
import { percent } from '../recording';
import type { Playback, RecordingInfo } from '../types';

type HlsModule = typeof import('hls.js');
type HlsPlayer = InstanceType<HlsModule['default']>;
type MpegtsModule = typeof import('mpegts.js');
type FlvPlayer = ReturnType<MpegtsModule['default']['createPlayer']>;

/** What the video area shows; the viewer page derives it from the room (see `videoStateOf`). */
export type VideoState =
  | { kind: 'scheduled' }
  | { kind: 'live'; playback: Playback }
  | { kind: 'interrupted'; playback: Playback }
  | { kind: 'ended' }
  | { kind: 'preparing'; progress: number }
  | { kind: 'replay'; recording: RecordingInfo }
  | { kind: 'noReplay' };

/** How the live picture is being played: `data-engine` on the video area, for tests and styling. */
export type Engine = 'hls' | 'native-hls' | 'flv' | 'mp4' | 'none';

const RETRY_MS = 5000;
const QUIET_RETRY_MS = 2000;
const QUIET_FAILURES = 4;
const LOW_LATENCY_KEY = 'liveroom.lowLatency';
/** H.264 video with AAC sound: what the server's HLS, HTTP-FLV and recordings carry. */
const H264_AAC = 'video/mp4; codecs="avc1.42E01E,mp4a.40.2"';

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

function readLowLatency(): boolean {
  try {
    return localStorage.getItem(LOW_LATENCY_KEY) === '1';
  } catch {
    return false;
  }
}

function writeLowLatency(on: boolean): void {
  try {
    localStorage.setItem(LOW_LATENCY_KEY, on ? '1' : '0');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

const sameState = (a: VideoState | null, b: VideoState): boolean => {
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
    default:
      return true;
  }
};

/**
 * The 16:9 video area.
 * - Live: HLS with hls.js (loaded only then; natively where the browser has no Media Source Extensions
 *   but plays HLS itself), or HTTP-FLV with mpegts.js (also loaded only then) when "Low latency" is on.
 *   Starts muted (browsers allow only muted autoplay) with a "Tap to unmute" button.
 * - Interrupted: the last frame stays, dimmed, under a message; the source is reloaded when live again.
 * - Ended: playback stops; "Preparing the replay… NN%", then the recording with native controls.
 */
export class VideoArea {
  readonly element: HTMLElement;
  private readonly _video: HTMLVideoElement;
  private readonly _overlay: HTMLDivElement;
  private readonly _message: HTMLParagraphElement;
  private readonly _detail: HTMLParagraphElement;
  private readonly _progress: HTMLProgressElement;
  private readonly _unmute: HTMLButtonElement;
  private readonly _lowLatency: HTMLButtonElement;
  private _state: VideoState | null = null;
  private _hls: HlsPlayer | null = null;
  private _flv: FlvPlayer | null = null;
  private _retry: number | undefined;
  private _generation = 0;
  private _lowLatencyOn = readLowLatency();
  private _autoplayBlocked = false;
  /** The viewer turned the sound on: later reloads (low latency, reconnects) keep it on. */
  private _wantsSound = false;
  /** Live playback failures since the picture last played. */
  private _failures = 0;
  /** Called with the playhead position whenever it moves during replay (timeupdate, seeks). */
  onReplayTime: ((seconds: number) => void) | undefined;

  constructor() {
    this._video = el('video', {
      className: 'video-element',
      attrs: { 'playsinline': true, 'webkit-playsinline': true, 'preload': 'none' },
    });
    this._video.muted = true;
    this._video.hidden = true;
    this._message = el('p', { className: 'video-message' });
    this._detail = el('p', { className: 'video-detail' });
    this._detail.hidden = true;
    this._progress = el('progress', { className: 'video-progress', attrs: { max: '100' } });
    this._progress.hidden = true;
    this._overlay = el(
      'div',
      { className: 'video-overlay' },
      el('span', { className: 'video-icon', attrs: { 'aria-hidden': 'true' } }),
      this._message,
      this._detail,
      this._progress,
    );
    this._unmute = el('button', { className: 'video-unmute', attrs: { type: 'button' } });
    this._unmute.hidden = true;
    this._unmute.addEventListener('click', () => this._onUnmute());
    this._lowLatency = el('button', {
      className: 'video-low-latency',
      i18n: 'video.lowLatency',
      attrs: { 'type': 'button', 'aria-pressed': String(this._lowLatencyOn) },
    });
    bind(this._lowLatency, 'video.lowLatencyLabel', undefined, 'title');
    this._lowLatency.hidden = true;
    this._lowLatency.addEventListener('click', () => this._toggleLowLatency());
    const controls = el('div', { className: 'video-controls' }, this._unmute, this._lowLatency);
    this.element = el('section', { className: 'video', label: 'video.label' }, this._video, this._overlay, controls);
    this.element.dataset['engine'] = 'none';

    this._video.addEventListener('volumechange', () => {
      if (this._state?.kind === 'live' && this._video.muted) this._wantsSound = false;
      this._renderUnmute();
    });
    this._video.addEventListener('playing', () => {
      this._failures = 0;
      this._autoplayBlocked = false;
      this._renderUnmute();
    });
    const reportTime = () => {
      if (this._state?.kind === 'replay') this.onReplayTime?.(this._video.currentTime);
    };
    this._video.addEventListener('timeupdate', reportTime);
    this._video.addEventListener('seeked', reportTime);
    this._video.addEventListener('seeking', reportTime);
  }

  /** The media element (tests and the replay chat read its clock). */
  get media(): HTMLVideoElement {
    return this._video;
  }

  get state(): VideoState | null {
    return this._state;
  }

  show(state: VideoState): void {
    const previous = this._state;
    if (sameState(previous, state)) return;
    this._state = state;
    this.element.dataset['status'] = state.kind === 'live' || state.kind === 'interrupted' || state.kind === 'scheduled' ? state.kind : 'ended';
    this.element.dataset['mode'] = state.kind;
    switch (state.kind) {
      case 'live':
        this._startLive();
        break;
      case 'interrupted':
        this._suspendLive();
        break;
      case 'replay':
        this._startReplay(state.recording);
        break;
      case 'preparing':
        if (previous?.kind !== 'preparing') this._stop();
        this._showMessage('video.ended', { detail: 'video.preparing', params: { n: percent(state.progress) }, progress: state.progress });
        break;
      case 'noReplay':
        this._stop();
        this._showMessage('video.ended', { detail: 'video.noReplay' });
        break;
      case 'ended':
        this._stop();
        this._showMessage('video.ended');
        break;
      case 'scheduled':
        this._stop();
        this._showMessage('video.scheduled');
        break;
    }
  }

  private _showMessage(
    key: MessageKey,
    options: { detail?: MessageKey; params?: Record<string, number>; progress?: number; dim?: boolean } = {},
  ): void {
    bind(this._message, key);
    if (options.detail) bind(this._detail, options.detail, options.params);
    this._detail.hidden = !options.detail;
    this._progress.hidden = options.progress === undefined;
    if (options.progress !== undefined) this._progress.value = percent(options.progress);
    this._overlay.classList.toggle('dim', options.dim === true);
    this._overlay.hidden = false;
  }

  private _hideMessage(): void {
    this._overlay.hidden = true;
  }

  private _setEngine(engine: Engine): void {
    this.element.dataset['engine'] = engine;
  }

  /** Destroys any player and empties the element. */
  private _stop(): void {
    this._generation++;
    window.clearTimeout(this._retry);
    this._destroyPlayers();
    this._video.pause();
    this._video.removeAttribute('src');
    this._video.removeAttribute('poster');
    this._video.load();
    this._video.hidden = true;
    this._video.controls = false;
    this._autoplayBlocked = false;
    this._lowLatency.hidden = true;
    this._setEngine('none');
    this._renderUnmute();
  }

  private _destroyPlayers(): void {
    const hls = this._hls;
    const flv = this._flv;
    this._hls = null;
    this._flv = null;
    hls?.destroy();
    if (flv) {
      try {
        flv.pause();
        flv.unload();
        flv.detachMediaElement();
        flv.destroy();
      } catch {
        // Already torn down.
      }
    }
  }

  /** The host dropped: keep the last frame (dimmed) and stop asking for more until they are back. */
  private _suspendLive(): void {
    this._generation++;
    window.clearTimeout(this._retry);
    this._hls?.stopLoad();
    this._video.pause();
    this._video.controls = false;
    this._lowLatency.hidden = true;
    this._autoplayBlocked = false;
    this._renderUnmute();
    const hasFrame = !this._video.hidden && this._video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    if (!hasFrame) this._video.hidden = true;
    this._showMessage('video.interrupted', { dim: hasFrame });
  }

  private _toggleLowLatency(): void {
    this._lowLatencyOn = !this._lowLatencyOn;
    writeLowLatency(this._lowLatencyOn);
    this._lowLatency.setAttribute('aria-pressed', String(this._lowLatencyOn));
    if (this._state?.kind === 'live') this._startLive();
  }

  private _onUnmute(): void {
    this._wantsSound = true;
    this._video.muted = false;
    this._autoplayBlocked = false;
    void this._video.play().catch(() => {
      // Still refused: show the button again.
      this._autoplayBlocked = true;
      this._renderUnmute();
    });
    this._renderUnmute();
  }

  private _renderUnmute(): void {
    const live = this._state?.kind === 'live' && !this._video.hidden;
    const show = live && (this._video.muted || this._autoplayBlocked);
    this._unmute.hidden = !show;
    if (show) bind(this._unmute, this._autoplayBlocked ? 'video.tapToPlay' : 'video.unmute');
  }

  private _play(generation: number): void {
    void this._video.play().catch((error: unknown) => {
      if (generation !== this._generation) return;
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
      // NotAllowedError: no sound without a fresh tap; muted it may start. Failing that (e.g. in
      // power-saving mode) the browser wants a tap first.
      if (!this._video.muted) {
        this._video.muted = true;
        this._play(generation);
        return;
      }
      this._autoplayBlocked = true;
      this._renderUnmute();
    });
  }

  private _unsupported(): void {
    this._destroyPlayers();
    this._video.hidden = true;
    this._lowLatency.hidden = true;
    this._setEngine('none');
    this.element.dataset['playback'] = 'unsupported';
    this._showMessage('video.unsupported');
    this._renderUnmute();
  }

  private _startLive(): void {
    if (this._state?.kind !== 'live') return;
    const playback = this._state.playback;
    this._stop();
    const generation = this._generation;
    delete this.element.dataset['playback'];
    const mse = canPlayH264WithMse();
    const nativeHls = this._video.canPlayType('application/vnd.apple.mpegurl') !== '';
    if (!mse && !nativeHls) {
      this._unsupported();
      return;
    }
    this._lowLatency.hidden = !mse || !playback.flv;
    this._showMessage('video.live');
    this._video.hidden = false;
    this._video.controls = true;
    this._video.muted = !this._wantsSound;
    this._renderUnmute();

    // A failure keeps the last frame (the players are torn down only by the retry), so that an
    // "interrupted" status arriving just after it can still show the message over that frame.
    // The first few failures in a row retry quickly and quietly: just after a room goes live its
    // playlist takes a segment or two to appear (404 until then).
    const onError = (quiet = false) => {
      if (generation !== this._generation || this._state?.kind !== 'live') return;
      const soft = quiet || this._failures < QUIET_FAILURES;
      this._failures++;
      window.clearTimeout(this._retry);
      this._retry = window.setTimeout(() => {
        if (generation === this._generation && this._state?.kind === 'live') this._startLive();
      }, soft ? QUIET_RETRY_MS : RETRY_MS);
      if (soft) return;
      const hasFrame = !this._video.hidden && this._video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
      if (!hasFrame) this._video.hidden = true;
      this._renderUnmute();
      this._showMessage('video.error', { dim: hasFrame });
    };
    this._video.onerror = () => onError();
    this._video.onplaying = () => {
      if (generation === this._generation) this._hideMessage();
    };

    if (mse && this._lowLatencyOn && playback.flv) {
      this._startFlv(playback.flv, generation, onError);
    } else if (mse) {
      this._startHls(playback.hls, generation, onError);
    } else {
      this._setEngine('native-hls');
      this._video.src = playback.hls;
      this._play(generation);
    }
  }

  private _startHls(url: string, generation: number, onError: (quiet?: boolean) => void): void {
    this._setEngine('hls');
    import('hls.js')
      .then(({ default: Hls }) => {
        if (generation !== this._generation) return;
        if (!Hls.isSupported()) {
          this._unsupported();
          return;
        }
        // Play 2 s behind the end of the playlist (two of the server's default 1 s segments; glass to glass
        // about 3 s, docs/benchmarks/live-video.md) and catch up gently after a stall; past 6 s behind,
        // jump back to the edge. The low-latency toggle (HTTP-FLV) goes to about 1 s.
        const hls = new Hls({
          lowLatencyMode: true,
          backBufferLength: 30,
          liveSyncDuration: 2,
          liveMaxLatencyDuration: 6,
          maxLiveSyncPlaybackRate: 1.2,
        });
        this._hls = hls;
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.MEDIA_ERROR && data.details === Hls.ErrorDetails.BUFFER_ADD_CODEC_ERROR) this._unsupported();
          else onError();
        });
        hls.on(Hls.Events.MANIFEST_PARSED, () => this._play(generation));
        hls.loadSource(url);
        hls.attachMedia(this._video);
      })
      .catch(() => onError());
  }

  private _startFlv(url: string, generation: number, onError: (quiet?: boolean) => void): void {
    this._setEngine('flv');
    import('mpegts.js')
      .then(({ default: mpegts }) => {
        if (generation !== this._generation) return;
        if (!mpegts.getFeatureList().mseLivePlayback) {
          // No live FLV here: fall back to HLS.
          this._lowLatency.hidden = true;
          const state = this._state;
          if (state?.kind === 'live') this._startHls(state.playback.hls, generation, onError);
          return;
        }
        mpegts.LoggingControl.applyConfig({ enableAll: false, enableError: false, enableWarn: false, enableInfo: false, enableDebug: false, enableVerbose: false });
        const player = mpegts.createPlayer(
          { type: 'flv', isLive: true, hasAudio: true, hasVideo: true, url: new URL(url, location.href).href },
          {
            enableWorker: false,
            enableStashBuffer: false,
            liveBufferLatencyChasing: true,
            liveBufferLatencyMaxLatency: 2.5,
            liveBufferLatencyMinRemain: 0.5,
            lazyLoad: false,
            autoCleanupSourceBuffer: true,
          },
        );
        this._flv = player;
        player.on(mpegts.Events.ERROR, (type: string, detail: string) => {
          if (type === mpegts.ErrorTypes.MEDIA_ERROR && detail === mpegts.ErrorDetails.MEDIA_CODEC_UNSUPPORTED) this._unsupported();
          else onError();
        });
        // The server closes the stream when the host drops; the status event says what happens next.
        player.on(mpegts.Events.LOADING_COMPLETE, () => onError(true));
        player.attachMediaElement(this._video);
        player.load();
        this._play(generation);
      })
      .catch(() => onError());
  }

  private _startReplay(recording: RecordingInfo): void {
    this._stop();
    const generation = this._generation;
    delete this.element.dataset['playback'];
    if (this._video.canPlayType(H264_AAC) === '' && !canPlayH264WithMse()) {
      this._unsupported();
      return;
    }
    this._setEngine('mp4');
    this._hideMessage();
    this._video.muted = false;
    this._video.controls = true;
    this._video.preload = 'metadata';
    bind(this._video, 'video.replayLabel', undefined, 'aria-label');
    this._video.onplaying = null;
    this._video.onerror = () => {
      if (generation !== this._generation) return;
      const code = this._video.error?.code;
      this._video.hidden = true;
      if (code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED || code === MediaError.MEDIA_ERR_DECODE) this._unsupported();
      else this._showMessage('video.replayError');
    };
    if (recording.posterUrl) this._video.poster = recording.posterUrl;
    this._video.src = recording.url;
    this._video.hidden = false;
    this._renderUnmute();
  }
}
