import { el } from '../dom';
import { bind } from '../i18n';

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

/** What the controls need of the player they sit on. */
export interface PlayerControlsHost {
  readonly video: HTMLVideoElement;
  /** Live playback is shown (sound choices apply to it). */
  live(): boolean;
  /** What is shown can be heard: live, or a stream that is not one's own camera. */
  audible(): boolean;
  /** "Low latency" was switched: live playback starts again with the other engine. */
  lowLatencyChanged(): void;
}

/**
 * The sound and low-latency buttons over the picture. Browsers allow only muted autoplay, so live starts
 * muted with "Tap to unmute" ("Tap to play" when even that was refused); once the viewer turned the sound
 * on, later reloads keep it on. While ducked (the viewer is in a private call) there is no sound and no
 * sound button. "Low latency" is remembered in the browser.
 */
export class PlayerControls {
  readonly element: HTMLDivElement;
  private readonly _unmute: HTMLButtonElement;
  private readonly _lowLatency: HTMLButtonElement;
  private _lowLatencyOn = readLowLatency();
  private _autoplayBlocked = false;
  /** The viewer turned the sound on: later reloads (low latency, reconnects) keep it on. */
  private _wantsSound = false;
  /** Silenced for a while (the viewer is in a private call): no sound whatever `_wantsSound` says. */
  private _ducked = false;

  constructor(private readonly _host: PlayerControlsHost) {
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
    this.element = el('div', { className: 'video-controls' }, this._unmute, this._lowLatency);
  }

  /** "Low latency" is on (HTTP-FLV where the room has it). */
  get lowLatency(): boolean {
    return this._lowLatencyOn;
  }

  /** Whether live playback starts muted: ducked, or the viewer never turned the sound on. */
  get startMuted(): boolean {
    return this._ducked || !this._wantsSound;
  }

  showLowLatency(visible: boolean): void {
    this._lowLatency.hidden = !visible;
  }

  /** Silences (or gives back the sound as the viewer had it); false when nothing changed. */
  setDucked(ducked: boolean): boolean {
    if (this._ducked === ducked) return false;
    this._ducked = ducked;
    const video = this._host.video;
    if (ducked) video.muted = true;
    else if (this._host.live()) video.muted = !this._wantsSound;
    this.render();
    return true;
  }

  /** The element's volume or muted state changed: muting it by hand during live means no sound wanted. */
  volumeChanged(): void {
    if (this._host.live() && this._host.video.muted && !this._ducked) this._wantsSound = false;
    this.render();
  }

  /** Frames are moving: whatever blocked autoplay is over. */
  playing(): void {
    this._autoplayBlocked = false;
    this.render();
  }

  /** The browser refused to play without a tap. */
  blocked(): void {
    this._autoplayBlocked = true;
    this.render();
  }

  /** Playback stopped or paused: no pending tap. */
  reset(): void {
    this._autoplayBlocked = false;
  }

  render(): void {
    const playing = this._host.audible() && !this._host.video.hidden;
    const show = playing && (this._autoplayBlocked || (!this._ducked && this._host.video.muted));
    this._unmute.hidden = !show;
    if (show) bind(this._unmute, this._autoplayBlocked ? 'video.tapToPlay' : 'video.unmute');
  }

  private _toggleLowLatency(): void {
    this._lowLatencyOn = !this._lowLatencyOn;
    writeLowLatency(this._lowLatencyOn);
    this._lowLatency.setAttribute('aria-pressed', String(this._lowLatencyOn));
    this._host.lowLatencyChanged();
  }

  private _onUnmute(): void {
    const video = this._host.video;
    this._wantsSound = true;
    video.muted = false;
    this._autoplayBlocked = false;
    void video.play().catch(() => {
      // Still refused: show the button again.
      this._autoplayBlocked = true;
      this.render();
    });
    this.render();
  }
}
