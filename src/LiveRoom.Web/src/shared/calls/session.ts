import { hubErrorCode } from '../hub';
import type { CallsClient } from './client';
import type { LocalMedia } from './local-media';
import { ASSUMED_REMOTE, PeerLink, type PeerState } from './peer-link';
import type { CallEndReason, CallInfo, CallParticipant, MediaState, SignalMessage, SignalType } from './types';

/**
 * Where one call stands. `starting` until the first offer/answer went out; `connecting` until a media
 * path is up; `reconnecting` while it is repaired (an ICE restart); `ended` for good.
 */
export type { PeerState } from './peer-link';

export type CallState =
  | { kind: 'starting' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting' }
  | { kind: 'ended'; reason: CallEndReason };


export interface CallSessionOptions {
  info: CallInfo;
  /** The id of this page's person (a `v_…` viewer or a `u_…` staff id). */
  selfId: string;
  calls: CallsClient;
  /** One's devices; the session sends clones of their tracks as soon as they are open. */
  media: Promise<LocalMedia>;
}

/** One other participant as the page shows them. */
export interface RemotePeer {
  readonly participant: CallParticipant;
  readonly state: PeerState;
  /** Their sound and picture (null until their tracks arrive). */
  readonly remoteStream: MediaStream | null;
  /** What they say they send. */
  readonly remoteMedia: MediaState;
}

/**
 * The WebRTC side of one call, for either role: a mesh of one RTCPeerConnection per other participant,
 * keyed by their id. The initiator (the agent who accepted) offers to the viewer; an agent who joins
 * later offers to everyone already in the call; everyone else waits for offers. Every signal names its
 * peer with `to`, and incoming signals are routed by `from`. Both sides set up their transceivers
 * before their devices are open and put the tracks in when they are (`replaceTrack`), so the remote
 * picture never waits for one's own camera. `media` signals tell the others what is muted or shared.
 */
export class CallSession {
  readonly info: CallInfo;
  readonly callId: string;
  readonly selfId: string;
  /** performance.now() when the session was made: the start of "time to first remote frame". */
  readonly createdAt = performance.now();
  private readonly _calls: CallsClient;
  private readonly _iceServers: RTCIceServer[];
  private readonly _links = new Map<string, PeerLink>();
  /** Participants who left: late signals of theirs make no new link. */
  private readonly _gone = new Set<string>();
  private readonly _local = new MediaStream();
  private readonly _listeners = new Set<() => void>();
  private _participants: CallParticipant[];
  private _state: CallState = { kind: 'starting' };
  private _localMedia: MediaState = { audio: false, video: false, screen: false };
  private _audio: MediaStreamTrack | null = null;
  private _camera: MediaStreamTrack | null = null;
  private _screen: MediaStreamTrack | null = null;
  private _refused = false;
  /** The devices have answered (until then nothing is said about what this side sends). */
  private _mediaKnown = false;

  constructor(options: CallSessionOptions) {
    this.info = options.info;
    this.callId = options.info.callId;
    this.selfId = options.selfId;
    this._calls = options.calls;
    this._participants = [...options.info.participants];
    this._iceServers = options.info.iceServers.map((server) => ({
      urls: server.urls,
      ...(server.username ? { username: server.username } : {}),
      ...(server.credential ? { credential: server.credential } : {}),
    }));
    // An agent offers to everyone already there: the initiator to the viewer, a newcomer to all. A page that
    // takes up a call it was in before a reload offers to everyone too: the others' peer connections are
    // still tied to the page that went, and an offer from a new one makes them start a new link.
    const self = this._participants.find((participant) => participant.id === this.selfId);
    if (self?.role === 'agent' || options.info.initiator === this.selfId || this.resumed) {
      for (const participant of this._others()) this._link(participant, true);
    }
    void options.media.then((media) => this._useMedia(media));
    // The server told a new connection of the call: this page takes it up, so it is back (the old
    // connection's grace period stops) and this connection is the call's from now on.
    if (this.resumed) {
      void this._calls.rejoinCall(this.callId).catch((error: unknown) => {
        const code = hubErrorCode(error);
        if (code === 'not_found' || code === 'call_ended' || code === 'not_participant') this.end('lost');
      });
    }
  }

  get state(): CallState {
    return this._state;
  }

  /** The call was taken up again on this page after a reload (`CallInfo.resumed`). */
  get resumed(): boolean {
    return this.info.resumed === true;
  }

  /** Everyone in the call now, oneself included. */
  get participants(): readonly CallParticipant[] {
    return this._participants;
  }

  /** The main other participant: the viewer for an agent, the agent who took the call for the viewer. */
  get peer(): CallParticipant {
    const others = this._others();
    return (
      others.find((participant) => participant.role === 'viewer') ??
      others.find((participant) => participant.id === this.info.initiator) ??
      others[0] ?? { id: '', displayName: '', role: 'viewer' }
    );
  }

  /** Whether this page's person is an agent of the call. */
  get isAgent(): boolean {
    return this._participants.find((participant) => participant.id === this.selfId)?.role === 'agent';
  }

  /** The other participants' media paths, in the call's participant order. */
  get peers(): RemotePeer[] {
    const order = this._participants.map((participant) => participant.id);
    return [...this._links.values()]
      .filter((link) => link.open)
      .sort((a, b) => order.indexOf(a.participant.id) - order.indexOf(b.participant.id));
  }

  /** The main other participant's sound and picture (null until their tracks arrive). */
  get remoteStream(): MediaStream | null {
    return this._links.get(this.peer.id)?.remoteStream ?? null;
  }

  /** What the main other participant says they send. */
  get remoteMedia(): MediaState {
    return this._links.get(this.peer.id)?.remoteMedia ?? ASSUMED_REMOTE;
  }

  /** One's own tracks as sent in this call (clones of the devices' tracks; the screen while sharing it). */
  get localStream(): MediaStream {
    return this._local;
  }

  /** What this side sends now. */
  get localMedia(): MediaState {
    return this._localMedia;
  }

  /** Whether this side has a microphone / a camera in the call at all. */
  get hasAudio(): boolean {
    return this._audio !== null;
  }

  get hasVideo(): boolean {
    return this._camera !== null;
  }

  get sharingScreen(): boolean {
    return this._screen !== null;
  }

  /** The devices have answered (with tracks, or without). */
  get mediaKnown(): boolean {
    return this._mediaKnown;
  }

  /** The person refused the camera and microphone. */
  get refused(): boolean {
    return this._refused;
  }

  /** Calls `listener` after every change (state, peers, streams, media); until the returned function is called. */
  onChange(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** A `signal` event of this call, routed to the link of its sender (made on the first signal from a newcomer). */
  handleSignal(message: SignalMessage): void {
    if (message.callId !== this.callId || this._state.kind === 'ended' || message.from === this.selfId) return;
    if (this._gone.has(message.from)) return;
    let link = this._links.get(message.from);
    if (link && message.type === 'offer' && link.offerStartsAfresh(message.payload)) {
      this.startAfresh(link, message.payload);
      return;
    }
    if (!link) {
      // A newcomer's offer may come before the callUpdated that names them.
      const participant = this._participants.find((candidate) => candidate.id === message.from) ?? { id: message.from, displayName: '', role: 'agent' as const };
      link = this._link(participant, false);
    }
    link.handle(message);
  }

  /**
   * Event `callUpdated`: someone joined (their offer is awaited) or left (their link is closed).
   */
  update(info: CallInfo): void {
    if (info.callId !== this.callId || this._state.kind === 'ended') return;
    this._participants = [...info.participants];
    const present = new Set(this._participants.map((participant) => participant.id));
    for (const [id, link] of this._links) {
      if (present.has(id)) continue;
      link.close();
      this._links.delete(id);
      this._gone.add(id);
    }
    for (const participant of this._others()) {
      this._gone.delete(participant.id);
      const link = this._links.get(participant.id);
      if (link) link.participant = participant;
      else this._link(participant, false);
    }
    this.changed();
  }

  /** Turns the microphone on or off for this call (the others see "muted"). */
  setAudio(on: boolean): void {
    if (!this._audio) return;
    this._audio.enabled = on;
    this._localMedia = { ...this._localMedia, audio: on };
    this._sendMedia();
    this.changed();
  }

  /** Turns the camera on or off for this call (the others see "camera off"). */
  setVideo(on: boolean): void {
    if (!this._camera) return;
    this._camera.enabled = on;
    if (!this._screen) this._localMedia = { ...this._localMedia, video: on };
    this._sendMedia();
    this.changed();
  }

  /**
   * Sends `track` (a screen) instead of the camera to everyone (`replaceTrack`: no renegotiation);
   * the screen ending (the browser's own "Stop sharing") goes back to the camera.
   */
  shareScreen(track: MediaStreamTrack): void {
    if (this._state.kind === 'ended') {
      track.stop();
      return;
    }
    this._screen?.stop();
    this._screen = track;
    track.addEventListener('ended', () => {
      if (this._screen === track) this.stopScreen();
    });
    this._swapLocalVideo();
    this._localMedia = { ...this._localMedia, video: true, screen: true };
    for (const link of this._links.values()) link.useTracks();
    this._sendMedia();
    this.changed();
  }

  /** Back to the camera after sharing the screen. */
  stopScreen(): void {
    const screen = this._screen;
    if (!screen) return;
    this._screen = null;
    screen.stop();
    this._swapLocalVideo();
    this._localMedia = { ...this._localMedia, video: this._camera?.enabled ?? false, screen: false };
    for (const link of this._links.values()) link.useTracks();
    this._sendMedia();
    this.changed();
  }

  /** Hangs up: a 1:1 call ends for both; an agent leaves a call another agent stays in. */
  hangUp(): void {
    if (this._state.kind === 'ended') return;
    void this._calls.endCall(this.callId).catch(() => undefined);
    this.end('hangup');
  }

  /** Ends the call here (event `callEnded`, or one's own hang-up) and lets go of everything. */
  end(reason: CallEndReason): void {
    if (this._state.kind === 'ended') return;
    for (const link of this._links.values()) link.close();
    for (const track of this._local.getTracks()) track.stop();
    for (const track of [this._audio, this._camera, this._screen]) track?.stop();
    this._setState({ kind: 'ended', reason });
  }

  /** Frames of the main other participant's video decoded so far (0 before any arrived). */
  async framesDecoded(): Promise<number> {
    if (this._state.kind === 'ended') return 0;
    return (await this._links.get(this.peer.id)?.framesDecoded()) ?? 0;
  }

  /** Frames decoded so far per other participant. */
  async framesDecodedByPeer(): Promise<Map<string, number>> {
    const frames = new Map<string, number>();
    if (this._state.kind === 'ended') return frames;
    for (const link of this._links.values()) {
      if (link.open) frames.set(link.participant.id, await link.framesDecoded());
    }
    return frames;
  }

  /** The track sent for `kind` now: the microphone; the screen while shared, else the camera. */
  outgoingTrack(kind: 'audio' | 'video'): MediaStreamTrack | null {
    return kind === 'audio' ? this._audio : (this._screen ?? this._camera);
  }

  /** @internal A link changed: the call's state follows its links. */
  changed(): void {
    if (this._state.kind === 'ended') return;
    const states = [...this._links.values()].filter((link) => link.open).map((link) => link.state);
    const next: CallState['kind'] = states.includes('connected')
      ? 'connected'
      : states.includes('reconnecting')
        ? 'reconnecting'
        : states.includes('connecting')
          ? 'connecting'
          : this._state.kind === 'starting'
            ? 'starting'
            : 'connecting';
    if (next !== this._state.kind) this._state = { kind: next } as CallState;
    this._emit();
  }

  /** @internal Sends one signal to one participant; a burst told to slow down is tried again. */
  sendTo(to: string, type: SignalType, payload: string, attempt = 0): void {
    if (this._state.kind === 'ended') return;
    void this._calls.sendSignal(this.callId, { type, payload, to }).catch((error: unknown) => {
      // Signalling shares the hub's call rate: a burst of candidates may be told to slow down.
      if (hubErrorCode(error) === 'too_fast' && attempt < 4) {
        window.setTimeout(() => this.sendTo(to, type, payload, attempt + 1), 250 * 2 ** attempt);
        return;
      }
      // The call is over on the server: the callEnded event follows and ends it here.
      console.warn(`call signal ${type} refused`, error);
    });
  }

  /** @internal Their page started afresh (a reload): a new link, which answers, takes its new peer connection's offer. */
  startAfresh(link: PeerLink, offerSdp: string): void {
    const id = link.participant.id;
    if (this._state.kind === 'ended' || this._links.get(id) !== link) return;
    link.close();
    this._links.delete(id);
    this._link(link.participant, false).handle({ callId: this.callId, from: id, type: 'offer', payload: offerSdp });
    this.changed();
  }

  /** @internal Tells one participant what this side sends (once a description is out, so they have the call too). */
  sendMediaTo(link: PeerLink): void {
    if (!link.described || !this._mediaKnown) return;
    link.send('media', JSON.stringify(this._localMedia));
  }

  private _others(): CallParticipant[] {
    return this._participants.filter((participant) => participant.id !== this.selfId);
  }

  private _link(participant: CallParticipant, offerer: boolean): PeerLink {
    const link = new PeerLink(this, participant, offerer, this._iceServers, this.info.iceTransportPolicy ?? 'all');
    this._links.set(participant.id, link);
    return link;
  }

  private _emit(): void {
    for (const listener of [...this._listeners]) listener();
  }

  private _setState(state: CallState): void {
    if (this._state.kind === state.kind) return;
    this._state = state;
    this._emit();
  }

  /** The video track in `localStream` is the one sent: the screen while shared, else the camera. */
  private _swapLocalVideo(): void {
    for (const track of this._local.getVideoTracks()) this._local.removeTrack(track);
    const video = this.outgoingTrack('video');
    if (video) this._local.addTrack(video);
  }

  private _useMedia(media: LocalMedia): void {
    if (this._state.kind === 'ended') return;
    this._refused = media.refused;
    this._audio = media.stream.getAudioTracks()[0]?.clone() ?? null;
    this._camera = media.stream.getVideoTracks()[0]?.clone() ?? null;
    if (this._audio) this._local.addTrack(this._audio);
    this._swapLocalVideo();
    for (const link of this._links.values()) link.useTracks();
    this._localMedia = { audio: this._audio !== null, video: this._camera !== null || this._screen !== null, screen: this._screen !== null };
    this._mediaKnown = true;
    this._sendMedia();
    this._emit();
  }

  private _sendMedia(): void {
    for (const link of this._links.values()) if (link.open) this.sendMediaTo(link);
  }
}
