import { el } from '../dom';
import './call.css';
import { bind, type MessageKey } from '../i18n';
import { Player } from '../playback/player';
import { WebRtcEngine } from '../playback/webrtc';
import { clockText } from './format';
import type { CallSession, CallState } from './session';

const STATE_KEYS: Record<CallState['kind'], MessageKey> = {
  starting: 'call.state.starting',
  connecting: 'call.state.connecting',
  connected: 'call.state.connected',
  reconnecting: 'call.state.reconnecting',
  ended: 'call.state.ended',
};

/** How often the decoded-frame count is read (for `data-frames-decoded`). */
const STATS_MS = 500;

export interface CallViewOptions {
  /** performance.now() of the moment the call began for this person (an agent's click on Accept). */
  since?: number;
}

/**
 * One call on screen: the other side's picture large (the shared {@link Player} with a WebRTC engine),
 * one's own small, "muted" / "camera off" badges for both, the call's state and duration, and the
 * mute, camera and hang-up buttons.
 *
 * For tests and monitoring the root carries `data-call-state`, `data-frames-decoded` (the remote
 * video's decoded frames), `data-first-frame-ms` (from `since` to the first remote frame on screen),
 * and `data-remote-audio` / `data-remote-video` / `data-local-audio` / `data-local-video` (`on`/`off`).
 */
export class CallView {
  readonly element: HTMLElement;
  private readonly _remote = new Player('call.remoteLabel');
  private readonly _self = el('video', { className: 'call-self-video', attrs: { 'playsinline': true, 'aria-hidden': 'true' } });
  private _selfEngine: WebRtcEngine | null = null;
  private _selfTracks = '';
  private readonly _status = el('p', { className: 'call-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  private readonly _clock = el('span', { className: 'call-clock', attrs: { 'aria-hidden': 'true' } });
  private readonly _remoteMuted = el('span', { className: 'call-badge call-badge-muted', i18n: 'call.remoteMuted' });
  private readonly _remoteCameraOff = el('p', { className: 'call-camera-off' });
  private readonly _selfCameraOff = el('span', { className: 'call-self-off', i18n: 'call.cameraOffShort' });
  private readonly _notice = el('p', { className: 'call-notice' });
  private readonly _mute: HTMLButtonElement;
  private readonly _camera: HTMLButtonElement;
  private readonly _hangUp: HTMLButtonElement;
  private readonly _since: number;
  private readonly _stopListening: () => void;
  private _statsTimer: number | undefined;
  private _clockTimer: number | undefined;
  private _firstFrameSeen = false;
  private _disposed = false;

  constructor(
    private readonly _session: CallSession,
    options: CallViewOptions = {},
  ) {
    this._since = options.since ?? _session.createdAt;
    this._mute = el('button', { className: 'call-control call-mute secondary', attrs: { 'type': 'button', 'aria-pressed': 'false' } });
    this._mute.addEventListener('click', () => _session.setAudio(!_session.localMedia.audio));
    this._camera = el('button', { className: 'call-control call-camera secondary', attrs: { 'type': 'button', 'aria-pressed': 'false' } });
    this._camera.addEventListener('click', () => _session.setVideo(!_session.localMedia.video));
    this._hangUp = el('button', { className: 'call-control call-hangup danger', i18n: 'call.hangUp', attrs: { type: 'button' } });
    this._hangUp.addEventListener('click', () => _session.hangUp());

    const name = el('h3', { className: 'call-peer', text: _session.peer.displayName });
    this._remoteCameraOff.hidden = true;
    this._remoteMuted.hidden = true;
    this._selfCameraOff.hidden = true;
    this._notice.hidden = true;
    const stage = el(
      'div',
      { className: 'call-stage' },
      this._remote.element,
      this._remoteCameraOff,
      el('div', { className: 'call-badges' }, this._remoteMuted),
      el('div', { className: 'call-self', label: 'call.selfLabel', attrs: { role: 'img' } }, this._self, this._selfCameraOff),
    );
    this.element = el(
      'section',
      { className: 'call-view', label: 'call.viewLabel', attrs: { 'data-call-id': _session.callId, 'data-frames-decoded': '0' } },
      el('div', { className: 'call-head' }, name, this._clock, this._status),
      stage,
      this._notice,
      el('div', { className: 'call-controls', label: 'call.controlsLabel', attrs: { role: 'group' } }, this._mute, this._camera, this._hangUp),
    );
    bind(this._remoteCameraOff, 'call.remoteCameraOff', { name: _session.peer.displayName });
    this._self.muted = true;

    this._stopListening = _session.onChange(() => this._render());
    this._render();
    this._statsTimer = window.setInterval(() => void this._readStats(), STATS_MS);
    this._clockTimer = window.setInterval(() => this._renderClock(), 1000);
    this._renderClock();
    this._watchFirstFrame();
  }

  get session(): CallSession {
    return this._session;
  }

  /** Puts the focus on the hang-up button (when the call opens, so the keyboard is where it matters). */
  focus(): void {
    this._hangUp.focus();
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._stopListening();
    window.clearInterval(this._statsTimer);
    window.clearInterval(this._clockTimer);
    this._remote.dispose();
    this._selfEngine?.destroy();
    this._selfEngine = null;
    this._self.srcObject = null;
  }

  private _render(): void {
    const session = this._session;
    const state = session.state;
    const data = this.element.dataset;
    data['callState'] = state.kind;
    bind(this._status, STATE_KEYS[state.kind]);
    if (state.kind === 'ended') {
      window.clearInterval(this._statsTimer);
      window.clearInterval(this._clockTimer);
      for (const control of [this._mute, this._camera, this._hangUp]) control.disabled = true;
      return;
    }

    const remote = session.remoteStream;
    if (remote && (this._remote.state?.kind !== 'stream' || this._remote.state.stream !== remote)) {
      this._remote.show({ kind: 'stream', stream: remote, muted: false });
      this._watchFirstFrame();
    }
    const remoteMedia = session.remoteMedia;
    data['remoteAudio'] = remoteMedia.audio ? 'on' : 'off';
    data['remoteVideo'] = remoteMedia.video ? 'on' : 'off';
    this._remoteMuted.hidden = remoteMedia.audio;
    this._remoteCameraOff.hidden = remoteMedia.video;
    this.element.classList.toggle('remote-camera-off', !remoteMedia.video);

    const local = session.localMedia;
    data['localAudio'] = local.audio ? 'on' : 'off';
    data['localVideo'] = local.video ? 'on' : 'off';
    this._renderToggle(this._mute, session.hasAudio, !local.audio, 'call.mute', 'call.unmute', 'call.noMicrophone');
    this._renderToggle(this._camera, session.hasVideo, !local.video, 'call.cameraOff', 'call.cameraOn', 'call.noCamera');
    this._selfCameraOff.hidden = local.video;
    this._renderSelf();

    const notice: MessageKey | null = session.refused
      ? 'call.devicesRefused'
      : session.mediaKnown && !session.hasAudio && !session.hasVideo
        ? 'call.noDevices'
        : null;
    this._notice.hidden = notice === null;
    if (notice) bind(this._notice, notice);
  }

  /** A pressed-state toggle: pressed means off (muted, camera off); without the device it is disabled and says so. */
  private _renderToggle(button: HTMLButtonElement, available: boolean, off: boolean, offKey: MessageKey, onKey: MessageKey, missingKey: MessageKey): void {
    button.disabled = !available;
    button.setAttribute('aria-pressed', String(available && off));
    bind(button, available ? (off ? onKey : offKey) : missingKey);
  }

  /** One's own picture, shown again whenever the session's tracks change (a stream's new tracks do not reach a playing element). */
  private _renderSelf(): void {
    const tracks = this._session.localStream.getVideoTracks();
    const key = tracks.map((track) => track.id).join(',');
    if (key === this._selfTracks) return;
    this._selfTracks = key;
    this._selfEngine?.destroy();
    this._selfEngine = null;
    if (tracks.length === 0) return;
    const engine = new WebRtcEngine(new MediaStream(tracks), true);
    engine.attach(this._self);
    engine.start();
    this._selfEngine = engine;
  }

  private _renderClock(): void {
    this._clock.textContent = clockText((performance.now() - this._session.createdAt) / 1000);
  }

  private async _readStats(): Promise<void> {
    if (this._disposed) return;
    try {
      const frames = await this._session.framesDecoded();
      if (!this._disposed) this.element.dataset['framesDecoded'] = String(frames);
    } catch {
      // The connection closed between two reads.
    }
  }

  /** Notes when the first remote frame is on screen (requestVideoFrameCallback where there is one). */
  private _watchFirstFrame(): void {
    if (this._firstFrameSeen) return;
    const video = this._remote.media;
    const seen = () => {
      if (this._firstFrameSeen || this._disposed) return;
      this._firstFrameSeen = true;
      this.element.dataset['firstFrameMs'] = String(Math.round(performance.now() - this._since));
    };
    const frames = video as HTMLVideoElement & { requestVideoFrameCallback?: (callback: () => void) => number };
    if (typeof frames.requestVideoFrameCallback === 'function') frames.requestVideoFrameCallback(() => seen());
    else video.addEventListener('loadeddata', seen, { once: true });
  }
}
