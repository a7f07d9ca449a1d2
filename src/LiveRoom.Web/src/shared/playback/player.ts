import { el } from '../dom';
import { bind, type MessageKey } from '../i18n';
import { percent } from '../recording';
import type { Playback, RecordingInfo } from '../types';
import type { EngineKind, PlaybackEngine, PlaybackEvent } from './engine';
import { FileEngine } from './file';
import { chooseLiveEngine, liveFallback, liveRetry } from './live-engine';
import { PlayerControls } from './player-controls';
import { sameState, type VideoState } from './video-state';
import { WebRtcEngine } from './webrtc';

export type { VideoState } from './video-state';

/** Where a live picture is in time (see `Player.livePosition`). */
export type LivePosition =
  | { kind: 'at'; clock: 'stream' | 'server'; date: number }
  | { kind: 'unknown' }
  | { kind: 'clockless' };

/**
 * The 16:9 video area: one <video>, an overlay for what is not (yet) a picture, and the sound and
 * low-latency buttons (player-controls.ts). It picks a {@link PlaybackEngine} for what it is shown
 * (for live, live-engine.ts chooses):
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
  private readonly _controls: PlayerControls;
  private _state: VideoState | null = null;
  /** The engine playing now; events of any other (an earlier one) are ignored. */
  private _engine: PlaybackEngine | null = null;
  private _retry: number | undefined;
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
    this._controls = new PlayerControls({
      video: this._video,
      live: () => this._state?.kind === 'live',
      audible: () => {
        const state = this._state;
        return state?.kind === 'live' || (state?.kind === 'stream' && !state.muted);
      },
      lowLatencyChanged: () => {
        if (this._state?.kind === 'live') this._startLive();
      },
    });
    this.element = el('section', { className: 'video', label }, this._video, this._overlay, this._controls.element);
    this.element.dataset['engine'] = 'none';

    this._video.addEventListener('volumechange', () => this._controls.volumeChanged());
    this._video.addEventListener('playing', () => {
      this._failures = 0;
      delete this.element.dataset['stalled'];
      this._controls.playing();
    });
    const reportTime = () => {
      if (this._state?.kind === 'replay') this.onReplayTime?.(this._video.currentTime);
      // Live: the picture's moment on the stream's clock, for product cards and for tests to read.
      const position = this.livePosition();
      if (position.kind === 'at') {
        this.element.dataset['playingDate'] = String(Math.round(position.date));
        this.element.dataset['playingClock'] = position.clock;
      } else delete this.element.dataset['playingDate'];
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

  /**
   * Live: where the frame on screen is in time — on the stream's clock (HLS program date-time) or on the
   * server's (when it reached the server: HTTP-FLV's clock cues); `unknown` while the engine does not know it
   * yet (or nothing plays); `clockless` for an engine with neither.
   */
  livePosition(): LivePosition {
    const engine = this._engine;
    if (this._state?.kind !== 'live' || !engine) return { kind: 'unknown' };
    if (engine.playingDate) {
      const date = engine.playingDate();
      return date === null ? { kind: 'unknown' } : { kind: 'at', clock: 'stream', date };
    }
    if (engine.arrivalDate) {
      const date = engine.arrivalDate();
      return date === null ? { kind: 'unknown' } : { kind: 'at', clock: 'server', date };
    }
    return { kind: 'clockless' };
  }

  /** Puts `layer` over the picture (e.g. a product card); it stays whatever is played. */
  addLayer(layer: HTMLElement): void {
    this.element.append(layer);
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
    if (this._controls.setDucked(ducked)) this.element.dataset['ducked'] = String(ducked);
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
    this._controls.reset();
    this._controls.showLowLatency(false);
    delete this.element.dataset['stalled'];
    this._setEngine('none');
    this._controls.render();
  }

  /** The host dropped: keep the last frame (dimmed) and stop asking for more until they are back. */
  private _suspendLive(): void {
    window.clearTimeout(this._retry);
    this._engine?.stop();
    this._video.pause();
    this._video.controls = false;
    this._controls.showLowLatency(false);
    this._controls.reset();
    this._controls.render();
    const hasFrame = !this._video.hidden && this._video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    if (!hasFrame) this._video.hidden = true;
    this._showMessage('video.interrupted', { dim: hasFrame });
  }

  private _unsupported(): void {
    this._destroyEngine();
    this._video.hidden = true;
    this._controls.showLowLatency(false);
    this._setEngine('none');
    this.element.dataset['playback'] = 'unsupported';
    this._showMessage('video.unsupported');
    this._controls.render();
  }

  private _startLive(): void {
    if (this._state?.kind !== 'live') return;
    const playback = this._state.playback;
    this._stop();
    delete this.element.dataset['playback'];
    const choice = chooseLiveEngine(playback, this._video, this._controls.lowLatency);
    if (choice.kind === 'unsupported') {
      this._unsupported();
      return;
    }
    this._controls.showLowLatency(choice.lowLatency);
    this._showMessage('video.live');
    this._video.hidden = false;
    this._video.controls = true;
    this._video.muted = this._controls.startMuted;
    this._controls.render();
    this._run(choice.engine, (event, current) => this._onLiveEvent(event, current, playback));
  }

  private _onLiveEvent(event: PlaybackEvent, engine: PlaybackEngine, playback: Playback): void {
    if (this._state?.kind !== 'live') return;
    switch (event.type) {
      case 'playing':
        this._hideMessage();
        break;
      case 'blocked':
        this._controls.blocked();
        break;
      case 'ended':
        // The server closed the stream (the host dropped): the status event says what happens next.
        this._onLiveFailure(engine, true);
        break;
      case 'error': {
        if (event.failure === 'unsupported') {
          this._unsupported();
          break;
        }
        // No live FLV here: fall back to HLS.
        const fallback = liveFallback(event, engine, playback);
        if (fallback) {
          this._destroyEngine();
          this._controls.showLowLatency(false);
          this._run(fallback, (next, current) => this._onLiveEvent(next, current, playback));
        } else this._onLiveFailure(engine, false);
        break;
      }
      case 'stalled':
        break;
    }
  }

  /**
   * A failure keeps the last frame (the engine is torn down only by the retry), so that an "interrupted"
   * status arriving just after it can still show the message over that frame. The first few failures in
   * a row retry quickly and quietly (see `liveRetry`).
   */
  private _onLiveFailure(engine: PlaybackEngine, quiet: boolean): void {
    const { soft, delayMs } = liveRetry(this._failures, quiet);
    this._failures++;
    window.clearTimeout(this._retry);
    this._retry = window.setTimeout(() => {
      if (engine === this._engine && this._state?.kind === 'live') this._startLive();
    }, delayMs);
    if (soft) return;
    const hasFrame = !this._video.hidden && this._video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    if (!hasFrame) this._video.hidden = true;
    this._controls.render();
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
    this._controls.render();
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
    this._controls.render();
    this._run(new WebRtcEngine(stream, muted), (event) => {
      if (this._state?.kind !== 'stream') return;
      if (event.type === 'playing') this._hideMessage();
      else if (event.type === 'blocked') this._controls.blocked();
      else if (event.type === 'ended') {
        this._video.hidden = true;
        this._showMessage('video.streamEnded');
      } else if (event.type === 'error') this._showMessage(event.failure === 'unsupported' ? 'video.unsupported' : 'video.error');
    });
  }
}
