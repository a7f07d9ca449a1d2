import { el } from '../dom';
import './call.css';
import { bind, t, type MessageKey } from '../i18n';
import { Player } from '../playback/player';
import { WebRtcEngine } from '../playback/webrtc';
import { clockText } from './format';
import type { CallSession, CallState, RemotePeer } from './session';

const STATE_KEYS: Record<CallState['kind'], MessageKey> = {
  starting: 'call.state.starting',
  connecting: 'call.state.connecting',
  connected: 'call.state.connected',
  reconnecting: 'call.state.reconnecting',
  ended: 'call.state.ended',
};

/** How often the decoded-frame counts are read (for `data-frames-decoded`). */
const STATS_MS = 500;

export interface CallViewOptions {
  /** performance.now() of the moment the call began for this person (an agent's click on Accept). */
  since?: number;
  /** Offer "Share screen" (agents). */
  screenShare?: boolean;
  /** More parts under the picture (the console's invite panel, the recording bar). */
  extras?: HTMLElement[];
  /** More buttons in the controls row, before "Hang up". */
  controls?: HTMLElement[];
  /** Parts after the controls (the messages and files of the call). */
  after?: HTMLElement[];
  /**
   * Runs when this side hangs up, before `EndCall` (bounded by the caller): the recording agent's last
   * chunk goes up while the call is still recorded.
   */
  beforeHangUp?: () => Promise<void>;
}

/**
 * One other participant on screen: their picture (the shared {@link Player} with a WebRTC engine), their
 * name, "muted" / "sharing their screen" badges and a panel when their camera is off. The root carries
 * `data-participant-id`, `data-frames-decoded`, `data-video-size` (`WxH` of the decoded picture) and
 * `data-remote-audio` / `-video` / `-screen` (`on`/`off`).
 */
class RemoteTile {
  readonly element: HTMLElement;
  readonly player = new Player('call.remoteLabel');
  private readonly _name = el('span', { className: 'call-remote-name' });
  private readonly _muted = el('span', { className: 'call-badge call-badge-muted', i18n: 'call.remoteMuted' });
  private readonly _screen = el('span', { className: 'call-badge call-badge-screen', i18n: 'call.remoteScreen' });
  private readonly _cameraOff = el('p', { className: 'call-camera-off' });

  constructor(readonly id: string) {
    this._muted.hidden = true;
    this._screen.hidden = true;
    this._cameraOff.hidden = true;
    this.element = el(
      'div',
      { className: 'call-remote', attrs: { 'data-participant-id': id, 'data-frames-decoded': '0' } },
      this.player.element,
      this._cameraOff,
      el('div', { className: 'call-badges' }, this._muted, this._screen),
      this._name,
    );
  }

  render(peer: RemotePeer): void {
    const name = peer.participant.displayName;
    this._name.textContent = name;
    this.player.element.setAttribute('aria-label', t('call.remoteLabelOf', { name }));
    if (peer.remoteStream && (this.player.state?.kind !== 'stream' || this.player.state.stream !== peer.remoteStream)) {
      this.player.show({ kind: 'stream', stream: peer.remoteStream, muted: false });
    }
    const media = peer.remoteMedia;
    const data = this.element.dataset;
    data['peerState'] = peer.state;
    data['remoteAudio'] = media.audio ? 'on' : 'off';
    data['remoteVideo'] = media.video ? 'on' : 'off';
    data['remoteScreen'] = media.screen ? 'on' : 'off';
    this._muted.hidden = media.audio;
    this._screen.hidden = !media.screen;
    this._cameraOff.hidden = media.video;
    bind(this._cameraOff, 'call.remoteCameraOff', { name });
    this.element.classList.toggle('remote-camera-off', !media.video);
    this.element.classList.toggle('remote-screen', media.screen);
  }

  setFrames(frames: number): void {
    this.element.dataset['framesDecoded'] = String(frames);
    const video = this.player.media;
    if (video.videoWidth > 0) this.element.dataset['videoSize'] = `${video.videoWidth}x${video.videoHeight}`;
  }

  dispose(): void {
    this.player.dispose();
  }
}

/**
 * One call on screen: every other participant's picture in a grid (one tile each), one's own small,
 * badges for what each sends, the call's state and duration, and the mute, camera, (screen) and
 * hang-up buttons.
 *
 * For tests and monitoring the root carries `data-call-state`, `data-participants` (how many others),
 * `data-frames-decoded` (the fewest decoded frames of any other participant's video), `data-first-frame-ms`
 * (from `since` to the first remote frame on screen), `data-remote-audio` / `data-remote-video` (the main
 * other participant's) and `data-local-audio` / `data-local-video` / `data-local-screen`; each tile has its own.
 */
export class CallView {
  readonly element: HTMLElement;
  private readonly _tiles = new Map<string, RemoteTile>();
  private readonly _grid = el('div', { className: 'call-remotes' });
  private readonly _self = el('video', { className: 'call-self-video', attrs: { 'playsinline': true, 'aria-hidden': 'true' } });
  private _selfEngine: WebRtcEngine | null = null;
  private _selfTracks = '';
  private readonly _peerNames = el('h3', { className: 'call-peer' });
  private readonly _status = el('p', { className: 'call-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  private readonly _roster = el('p', { className: 'call-sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly _clock = el('span', { className: 'call-clock', attrs: { 'aria-hidden': 'true' } });
  private readonly _selfCameraOff = el('span', { className: 'call-self-off', i18n: 'call.cameraOffShort' });
  private readonly _notice = el('p', { className: 'call-notice' });
  private readonly _mute: HTMLButtonElement;
  private readonly _camera: HTMLButtonElement;
  private readonly _screen: HTMLButtonElement | null;
  private readonly _hangUp: HTMLButtonElement;
  private readonly _since: number;
  private readonly _stage: HTMLElement;
  private readonly _stopListening: () => void;
  private _statsTimer: number | undefined;
  private _clockTimer: number | undefined;
  private _firstFrameSeen = false;
  private _disposed = false;
  private _rosterKey = '';

  constructor(
    private readonly _session: CallSession,
    options: CallViewOptions = {},
  ) {
    this._since = options.since ?? _session.createdAt;
    this._mute = el('button', { className: 'call-control call-mute secondary', attrs: { 'type': 'button', 'aria-pressed': 'false' } });
    this._mute.addEventListener('click', () => _session.setAudio(!_session.localMedia.audio));
    this._camera = el('button', { className: 'call-control call-camera secondary', attrs: { 'type': 'button', 'aria-pressed': 'false' } });
    this._camera.addEventListener('click', () => _session.setVideo(!_session.localMedia.video));
    this._screen = options.screenShare && typeof navigator.mediaDevices?.getDisplayMedia === 'function'
      ? el('button', { className: 'call-control call-screen secondary', attrs: { 'type': 'button', 'aria-pressed': 'false' } })
      : null;
    this._screen?.addEventListener('click', () => void this._toggleScreen());
    this._hangUp = el('button', { className: 'call-control call-hangup danger', i18n: 'call.hangUp', attrs: { type: 'button' } });
    this._hangUp.addEventListener('click', () => {
      const before = options.beforeHangUp;
      if (!before) {
        _session.hangUp();
        return;
      }
      this._hangUp.disabled = true;
      void before()
        .catch(() => undefined)
        .finally(() => _session.hangUp());
    });

    this._selfCameraOff.hidden = true;
    this._notice.hidden = true;
    const stage = el(
      'div',
      { className: 'call-stage' },
      this._grid,
      el('div', { className: 'call-self', label: 'call.selfLabel', attrs: { role: 'img' } }, this._self, this._selfCameraOff),
    );
    this.element = el(
      'section',
      { className: 'call-view', label: 'call.viewLabel', attrs: { 'data-call-id': _session.callId, 'data-frames-decoded': '0' } },
      el('div', { className: 'call-head' }, this._peerNames, this._clock, this._status, this._roster),
      stage,
      this._notice,
      ...(options.extras ?? []),
      el(
        'div',
        { className: 'call-controls', label: 'call.controlsLabel', attrs: { role: 'group' } },
        this._mute,
        this._camera,
        this._screen,
        ...(options.controls ?? []),
        this._hangUp,
      ),
      ...(options.after ?? []),
    );
    this._self.muted = true;
    this._stage = stage;

    this._stopListening = _session.onChange(() => this._render());
    this._render();
    this._statsTimer = window.setInterval(() => void this._readStats(), STATS_MS);
    this._clockTimer = window.setInterval(() => this._renderClock(), 1000);
    this._renderClock();
  }

  get session(): CallSession {
    return this._session;
  }

  /** The video element showing a participant (for a snapshot of their picture), if they are shown. */
  videoOf(participantId: string): HTMLVideoElement | null {
    return this._tiles.get(participantId)?.player.media ?? null;
  }

  /** A short flash over the pictures (a snapshot was kept); none for those who ask for less motion. */
  flash(): void {
    this._stage.classList.remove('call-flash');
    void this._stage.offsetWidth;
    this._stage.classList.add('call-flash');
    window.setTimeout(() => this._stage.classList.remove('call-flash'), 600);
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
    for (const tile of this._tiles.values()) tile.dispose();
    this._tiles.clear();
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
      for (const control of this.element.querySelectorAll<HTMLButtonElement>('.call-controls button')) control.disabled = true;
      return;
    }

    this._renderPeers();
    const remoteMedia = session.remoteMedia;
    data['remoteAudio'] = remoteMedia.audio ? 'on' : 'off';
    data['remoteVideo'] = remoteMedia.video ? 'on' : 'off';

    const local = session.localMedia;
    data['localAudio'] = local.audio ? 'on' : 'off';
    data['localVideo'] = local.video ? 'on' : 'off';
    data['localScreen'] = local.screen ? 'on' : 'off';
    this._renderToggle(this._mute, session.hasAudio, !local.audio, 'call.mute', 'call.unmute', 'call.noMicrophone');
    this._renderToggle(this._camera, session.hasVideo, !local.video && !local.screen, 'call.cameraOff', 'call.cameraOn', 'call.noCamera');
    if (session.sharingScreen) this._camera.disabled = true;
    if (this._screen) {
      this._screen.setAttribute('aria-pressed', String(session.sharingScreen));
      bind(this._screen, session.sharingScreen ? 'call.stopScreen' : 'call.shareScreen');
    }
    this._selfCameraOff.hidden = local.video || local.screen;
    this.element.classList.toggle('self-screen', local.screen);
    this._renderSelf();

    const notice: MessageKey | null = session.refused
      ? 'call.devicesRefused'
      : session.mediaKnown && !session.hasAudio && !session.hasVideo
        ? 'call.noDevices'
        : null;
    this._notice.hidden = notice === null;
    if (notice) bind(this._notice, notice);
  }

  /** One tile per other participant: made when they appear, removed when they leave. */
  private _renderPeers(): void {
    const peers = this._session.peers;
    const ids = new Set(peers.map((peer) => peer.participant.id));
    for (const [id, tile] of this._tiles) {
      if (ids.has(id)) continue;
      tile.dispose();
      tile.element.remove();
      this._tiles.delete(id);
    }
    for (const peer of peers) {
      let tile = this._tiles.get(peer.participant.id);
      if (!tile) {
        tile = new RemoteTile(peer.participant.id);
        this._tiles.set(peer.participant.id, tile);
      }
      tile.render(peer);
    }
    // In the call's order, without moving tiles that are already in place (a moved <video> would pause).
    const ordered = peers.map((peer) => this._tiles.get(peer.participant.id)!.element);
    if (ordered.some((element, index) => this._grid.children[index] !== element)) this._grid.replaceChildren(...ordered);
    this.element.dataset['participants'] = String(peers.length);
    this._grid.dataset['count'] = String(peers.length);
    const names = peers.map((peer) => peer.participant.displayName).filter((name) => name !== '');
    this._peerNames.textContent = names.join(' · ');
    const key = names.join('\n');
    if (key !== this._rosterKey) {
      // Said once per change of who is in the call, not on every render.
      if (this._rosterKey !== '') this._roster.textContent = t('call.roster', { names: names.join(', ') });
      this._rosterKey = key;
    }
    const main = this._tiles.get(this._session.peer.id);
    if (main) this._watchFirstFrame(main.player.media);
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

  private async _toggleScreen(): Promise<void> {
    const session = this._session;
    if (session.sharingScreen) {
      session.stopScreen();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = stream.getVideoTracks()[0];
      if (track) session.shareScreen(track);
    } catch (error) {
      // Cancelled in the browser's picker, or not allowed: nothing changes.
      console.warn('screen not shared', error);
    }
  }

  private _renderClock(): void {
    this._clock.textContent = clockText((performance.now() - this._session.createdAt) / 1000);
  }

  private async _readStats(): Promise<void> {
    if (this._disposed) return;
    try {
      const frames = await this._session.framesDecodedByPeer();
      if (this._disposed) return;
      let fewest = Number.POSITIVE_INFINITY;
      for (const [id, tile] of this._tiles) {
        const count = frames.get(id) ?? 0;
        tile.setFrames(count);
        fewest = Math.min(fewest, count);
      }
      this.element.dataset['framesDecoded'] = String(Number.isFinite(fewest) ? fewest : 0);
    } catch {
      // A connection closed between two reads.
    }
  }

  /** Notes when the first remote frame is on screen (requestVideoFrameCallback where there is one). */
  private _watchFirstFrame(video: HTMLVideoElement): void {
    if (this._firstFrameSeen || video.dataset['watched'] === '1') return;
    video.dataset['watched'] = '1';
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
