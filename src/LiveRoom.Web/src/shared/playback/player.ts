import { el } from '../dom';
import { bind, type MessageKey } from '../i18n';
import { percent } from '../recording';
import type { Playback, RecordingInfo } from '../types';
import { canPlayH264WithMse, type EngineKind, type PlaybackEngine, type PlaybackEvent } from './engine';
import { FileEngine } from './file';
import { FlvEngine } from './flv';
import { HlsEngine, NativeHlsEngine } from './hls';
import { WebRtcEngine } from './webrtc';

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

const RETRY_MS = 5000;
const QUIET_RETRY_MS = 2000;
const QUIET_FAILURES = 4;
const LOW_LATENCY_KEY = 'liveroom.lowLatency';

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
    case 'stream':
      return (a as typeof b).stream === b.stream && (a as typeof b).muted === b.muted;
    default:
      return true;
  }
};

/**
 * The 16:9 video area: one <video>, an overlay for what is not (yet) a picture, and the sound and
 * low-latency buttons. It picks a {@link PlaybackEngine} for what it is shown:
 * - Live: HLS with hls.js (natively where the browser has no Media Source Extensions but plays HLS
 *   itself), or HTTP-FLV with mpegts.js when "Low latency" is on. Starts muted (browsers allow only muted
 *   autoplay) with a "Tap to unmute" button; failures retry, quietly at first.
 * - Interrupted: the last frame stays, dimmed, under a message; the source is reloaded when live again.
 * - Ended: playback stops; "Preparing the replay… NN%", then the recording with native controls.
 * - Stream: a WebRTC MediaStream (a call).
 */
export class Player {
  readonly element: HTMLElement;
  private readonly _video: HTMLVideoElement;
  private readonly _overlay: HTMLDivElement;
  private readonly _message: HTMLParagraphElement;
  private readonly _detail: HTMLParagraphElement;
  private readonly _progress: HTMLProgressElement;
  private readonly _unmute: HTMLButtonElement;
  private readonly _lowLatency: HTMLButtonElement;
  private _state: VideoState | null = null;
  /** The engine playing now; events of any other (an earlier one) are ignored. */
  private _engine: PlaybackEngine | null = null;
  private _retry: number | undefined;
  private _lowLatencyOn = readLowLatency();
  private _autoplayBlocked = false;
  /** The viewer turned the sound on: later reloads (low latency, reconnects) keep it on. */
  private _wantsSound = false;
  /** Silenced for a while (the viewer is in a private call): no sound whatever `_wantsSound` says. */
  private _ducked = false;
  /** Live playback failures since the picture last played. */
  private _failures = 0;
  /** Called with the playhead position whenever it moves during replay (timeupdate, seeks). */
  onReplayTime: ((seconds: number) => void) | undefined;

  constructor(label: MessageKey = 'video.label') {
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
    this.element = el('section', { className: 'video', label }, this._video, this._overlay, controls);
    this.element.dataset['engine'] = 'none';

    this._video.addEventListener('volumechange', () => {
      if (this._state?.kind === 'live' && this._video.muted && !this._ducked) this._wantsSound = false;
      this._renderUnmute();
    });
    this._video.addEventListener('playing', () => {
      this._failures = 0;
      this._autoplayBlocked = false;
      delete this.element.dataset['stalled'];
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

  /** How far behind the live edge the picture is, in seconds, when the engine knows it. */
  latency(): number | null {
    return this._engine?.latency() ?? null;
  }

  show(state: VideoState): void {
    const previous = this._state;
    if (sameState(previous, state)) return;
    this._state = state;
    this.element.dataset['status'] =
      state.kind === 'live' || state.kind === 'interrupted' || state.kind === 'scheduled' ? state.kind : state.kind === 'stream' ? 'live' : 'ended';
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
      case 'stream':
        this._startStream(state.stream, state.muted);
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

  /**
   * Silences the picture for a while (a private call is on) and gives the sound back afterwards as the
   * viewer had it. While ducked the sound button is hidden.
   */
  setDucked(ducked: boolean): void {
    if (this._ducked === ducked) return;
    this._ducked = ducked;
    this.element.dataset['ducked'] = String(ducked);
    if (ducked) this._video.muted = true;
    else if (this._state?.kind === 'live') this._video.muted = !this._wantsSound;
    this._renderUnmute();
  }

  /** Stops playing and lets go of the engine (the page is leaving). */
  dispose(): void {
    this._stop();
    this._state = null;
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

  private _setEngine(engine: EngineKind | 'none'): void {
    this.element.dataset['engine'] = engine;
  }

  /** Makes `engine` the current one, sends its events to `handle` while it is, and starts it. */
  private _run(engine: PlaybackEngine, handle: (event: PlaybackEvent, engine: PlaybackEngine) => void): void {
    this._engine = engine;
    this._setEngine(engine.kind);
    engine.attach(this._video);
    engine.on((event) => {
      if (this._engine !== engine) return;
      if (event.type === 'stalled') this.element.dataset['stalled'] = 'true';
      handle(event, engine);
    });
    engine.start();
  }

  private _destroyEngine(): void {
    const engine = this._engine;
    this._engine = null;
    engine?.destroy();
  }

  /** Destroys the engine and empties the element. */
  private _stop(): void {
    window.clearTimeout(this._retry);
    this._destroyEngine();
    this._video.pause();
    this._video.removeAttribute('src');
    this._video.removeAttribute('poster');
    this._video.srcObject = null;
    this._video.load();
    this._video.hidden = true;
    this._video.controls = false;
    this._autoplayBlocked = false;
    this._lowLatency.hidden = true;
    delete this.element.dataset['stalled'];
    this._setEngine('none');
    this._renderUnmute();
  }

  /** The host dropped: keep the last frame (dimmed) and stop asking for more until they are back. */
  private _suspendLive(): void {
    window.clearTimeout(this._retry);
    this._engine?.stop();
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
    const state = this._state;
    const playing = (state?.kind === 'live' || (state?.kind === 'stream' && !state.muted)) && !this._video.hidden;
    const show = playing && (this._autoplayBlocked || (!this._ducked && this._video.muted));
    this._unmute.hidden = !show;
    if (show) bind(this._unmute, this._autoplayBlocked ? 'video.tapToPlay' : 'video.unmute');
  }

  private _onBlocked(): void {
    this._autoplayBlocked = true;
    this._renderUnmute();
  }

  private _unsupported(): void {
    this._destroyEngine();
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
    this._video.muted = this._ducked || !this._wantsSound;
    this._renderUnmute();

    let engine: PlaybackEngine;
    if (mse && this._lowLatencyOn && playback.flv) engine = new FlvEngine(playback.flv);
    else if (mse) engine = new HlsEngine(playback.hls);
    else engine = new NativeHlsEngine(playback.hls);
    this._run(engine, (event, current) => this._onLiveEvent(event, current, playback));
  }

  private _onLiveEvent(event: PlaybackEvent, engine: PlaybackEngine, playback: Playback): void {
    if (this._state?.kind !== 'live') return;
    switch (event.type) {
      case 'playing':
        this._hideMessage();
        break;
      case 'blocked':
        this._onBlocked();
        break;
      case 'ended':
        // The server closed the stream (the host dropped): the status event says what happens next.
        this._onLiveFailure(engine, true);
        break;
      case 'error':
        if (event.failure === 'unsupported') this._unsupported();
        else if (event.failure === 'unavailable' && engine.kind === 'flv') {
          // No live FLV here: fall back to HLS.
          this._destroyEngine();
          this._lowLatency.hidden = true;
          this._run(new HlsEngine(playback.hls), (next, current) => this._onLiveEvent(next, current, playback));
        } else this._onLiveFailure(engine, false);
        break;
      case 'stalled':
        break;
    }
  }

  /**
   * A failure keeps the last frame (the engine is torn down only by the retry), so that an "interrupted"
   * status arriving just after it can still show the message over that frame. The first few failures in
   * a row retry quickly and quietly: just after a room goes live its playlist takes a segment or two to
   * appear (404 until then).
   */
  private _onLiveFailure(engine: PlaybackEngine, quiet: boolean): void {
    const soft = quiet || this._failures < QUIET_FAILURES;
    this._failures++;
    window.clearTimeout(this._retry);
    this._retry = window.setTimeout(() => {
      if (engine === this._engine && this._state?.kind === 'live') this._startLive();
    }, soft ? QUIET_RETRY_MS : RETRY_MS);
    if (soft) return;
    const hasFrame = !this._video.hidden && this._video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    if (!hasFrame) this._video.hidden = true;
    this._renderUnmute();
    this._showMessage('video.error', { dim: hasFrame });
  }

  private _startReplay(recording: RecordingInfo): void {
    this._stop();
    delete this.element.dataset['playback'];
    this._hideMessage();
    this._video.muted = false;
    this._video.controls = true;
    bind(this._video, 'video.replayLabel', undefined, 'aria-label');
    this._video.hidden = false;
    this._renderUnmute();
    this._run(new FileEngine(recording.url, recording.posterUrl), (event) => {
      if (this._state?.kind !== 'replay' || event.type !== 'error') return;
      this._video.hidden = true;
      if (event.failure === 'unsupported') this._unsupported();
      else this._showMessage('video.replayError');
    });
  }

  private _startStream(stream: MediaStream, muted: boolean): void {
    this._stop();
    delete this.element.dataset['playback'];
    this._hideMessage();
    this._video.hidden = false;
    this._renderUnmute();
    this._run(new WebRtcEngine(stream, muted), (event) => {
      if (this._state?.kind !== 'stream') return;
      if (event.type === 'playing') this._hideMessage();
      else if (event.type === 'blocked') this._onBlocked();
      else if (event.type === 'ended') {
        this._video.hidden = true;
        this._showMessage('video.streamEnded');
      } else if (event.type === 'error') this._showMessage(event.failure === 'unsupported' ? 'video.unsupported' : 'video.error');
    });
  }
}
