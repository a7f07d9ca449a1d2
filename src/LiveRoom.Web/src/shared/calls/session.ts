import { hubErrorCode } from '../hub';
import type { CallsClient } from './client';
import type { LocalMedia } from './local-media';
import type { CallEndReason, CallInfo, CallParticipant, MediaState, SignalMessage } from './types';

/**
 * Where one call stands. `starting` until the first offer/answer went out; `connecting` until the media
 * path is up; `reconnecting` while it is repaired (an ICE restart); `ended` for good.
 */
export type CallState =
  | { kind: 'starting' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting' }
  | { kind: 'ended'; reason: CallEndReason };

/** How long ICE may stay `disconnected` before the initiator restarts it. */
const DISCONNECTED_GRACE_MS = 3000;

/** What the other side sends until it says otherwise. */
const ASSUMED_REMOTE: MediaState = { audio: true, video: true, screen: false };

export interface CallSessionOptions {
  info: CallInfo;
  /** The id of this page's person (a `v_…` viewer or a `u_…` staff id). */
  selfId: string;
  calls: CallsClient;
  /** One's devices; the session sends clones of their tracks as soon as they are open. */
  media: Promise<LocalMedia>;
}

/**
 * The WebRTC side of one 1:1 call, for either role. The participant named `initiator` offers; the other
 * answers. Both sides set up their audio and video transceivers before their devices are open and put
 * the tracks in when they are (`replaceTrack`), so the remote picture never waits for one's own camera.
 * Candidates trickle over `SendSignal`; those that arrive before the remote description wait for it.
 * `media` signals tell the other side what is muted. A media path that fails (or stays disconnected for
 * 3 s) is repaired by the initiator with an ICE restart.
 */
export class CallSession {
  readonly info: CallInfo;
  readonly callId: string;
  /** The other participant. */
  readonly peer: CallParticipant;
  /** performance.now() when the session was made: the start of "time to first remote frame". */
  readonly createdAt = performance.now();
  private readonly _calls: CallsClient;
  private readonly _initiator: boolean;
  private readonly _pc: RTCPeerConnection;
  private readonly _local = new MediaStream();
  private readonly _listeners = new Set<() => void>();
  private _state: CallState = { kind: 'starting' };
  private _remote: MediaStream | null = null;
  private _remoteMedia: MediaState = ASSUMED_REMOTE;
  private _localMedia: MediaState = { audio: false, video: false, screen: false };
  private _hasAudio = false;
  private _hasVideo = false;
  private _refused = false;
  /** The devices have answered (until then nothing is said about what this side sends). */
  private _mediaKnown = false;
  private _pendingCandidates: RTCIceCandidateInit[] = [];
  /** Signals are handled one after the other: an answer must not overtake its offer's handling. */
  private _queue: Promise<void> = Promise.resolve();
  private _disconnectTimer: number | undefined;
  private _everConnected = false;

  constructor(options: CallSessionOptions) {
    this.info = options.info;
    this.callId = options.info.callId;
    this._calls = options.calls;
    this._initiator = options.info.initiator === options.selfId;
    this.peer =
      options.info.participants.find((participant) => participant.id !== options.selfId) ??
      ({ id: '', displayName: '', role: 'viewer' } satisfies CallParticipant);
    this._pc = new RTCPeerConnection({
      iceServers: options.info.iceServers.map((server) => ({
        urls: server.urls,
        ...(server.username ? { username: server.username } : {}),
        ...(server.credential ? { credential: server.credential } : {}),
      })),
    });
    this._pc.addEventListener('icecandidate', (event) => {
      // A null candidate only says gathering is over: nothing to relay.
      if (!event.candidate || !event.candidate.candidate) return;
      this._send('candidate', JSON.stringify(event.candidate.toJSON()));
    });
    this._pc.addEventListener('track', (event) => this._onTrack(event));
    this._pc.addEventListener('iceconnectionstatechange', () => this._onIceState());
    this._pc.addEventListener('connectionstatechange', () => this._onIceState());

    if (this._initiator) {
      // The transceivers exist before the devices are open: the offer goes out at once.
      this._pc.addTransceiver('audio', { direction: 'sendrecv', streams: [this._local] });
      this._pc.addTransceiver('video', { direction: 'sendrecv', streams: [this._local] });
      this._enqueue(() => this._offer(false));
    }
    void options.media.then((media) => this._useMedia(media));
  }

  get state(): CallState {
    return this._state;
  }

  /** True for the participant that makes the offers. */
  get initiator(): boolean {
    return this._initiator;
  }

  /** The other side's sound and picture (null until their tracks arrive). */
  get remoteStream(): MediaStream | null {
    return this._remote;
  }

  /** One's own tracks as sent in this call (clones of the devices' tracks). */
  get localStream(): MediaStream {
    return this._local;
  }

  /** What the other side says it sends. */
  get remoteMedia(): MediaState {
    return this._remoteMedia;
  }

  /** What this side sends now. */
  get localMedia(): MediaState {
    return this._localMedia;
  }

  /** Whether this side has a microphone / a camera in the call at all. */
  get hasAudio(): boolean {
    return this._hasAudio;
  }

  get hasVideo(): boolean {
    return this._hasVideo;
  }

  /** The devices have answered (with tracks, or without). */
  get mediaKnown(): boolean {
    return this._mediaKnown;
  }

  /** The person refused the camera and microphone. */
  get refused(): boolean {
    return this._refused;
  }

  /** Calls `listener` after every change (state, streams, media); until the returned function is called. */
  onChange(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** A `signal` event of this call. */
  handleSignal(message: SignalMessage): void {
    if (message.callId !== this.callId || this._state.kind === 'ended') return;
    switch (message.type) {
      case 'offer':
        this._enqueue(() => this._onOffer(message.payload));
        break;
      case 'answer':
        this._enqueue(() => this._onAnswer(message.payload));
        break;
      case 'candidate':
        this._enqueue(() => this._onCandidate(message.payload));
        break;
      case 'media':
        this._onRemoteMedia(message.payload);
        break;
    }
  }

  /** Turns the microphone on or off for this call (the other side sees "muted"). */
  setAudio(on: boolean): void {
    this._setTrack('audio', on);
  }

  /** Turns the camera on or off for this call (the other side sees "camera off"). */
  setVideo(on: boolean): void {
    this._setTrack('video', on);
  }

  /** Hangs up: the call ends for both sides. */
  hangUp(): void {
    if (this._state.kind === 'ended') return;
    void this._calls.endCall(this.callId).catch(() => undefined);
    this.end('hangup');
  }

  /** Ends the call here (event `callEnded`, or one's own hang-up) and lets go of everything. */
  end(reason: CallEndReason): void {
    if (this._state.kind === 'ended') return;
    window.clearTimeout(this._disconnectTimer);
    this._pc.close();
    for (const track of this._local.getTracks()) track.stop();
    this._setState({ kind: 'ended', reason });
  }

  /** Frames of the other side's video decoded so far (0 before any arrived). */
  async framesDecoded(): Promise<number> {
    if (this._state.kind === 'ended') return 0;
    const stats = await this._pc.getStats();
    let frames = 0;
    stats.forEach((report: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
    });
    return frames;
  }

  private _emit(): void {
    for (const listener of [...this._listeners]) listener();
  }

  private _setState(state: CallState): void {
    if (this._state.kind === state.kind) return;
    this._state = state;
    this._emit();
  }

  private _enqueue(step: () => Promise<void>): void {
    this._queue = this._queue
      .then(() => (this._state.kind === 'ended' ? undefined : step()))
      .catch((error: unknown) => console.warn('call signalling step failed', error));
  }

  private _send(type: 'offer' | 'answer' | 'candidate' | 'media', payload: string, attempt = 0): void {
    if (this._state.kind === 'ended') return;
    void this._calls.sendSignal(this.callId, { type, payload, to: this.peer.id }).catch((error: unknown) => {
      // Signalling shares the hub's call rate: a burst of candidates may be told to slow down.
      if (hubErrorCode(error) === 'too_fast' && attempt < 4) {
        window.setTimeout(() => this._send(type, payload, attempt + 1), 250 * 2 ** attempt);
        return;
      }
      // The call is over on the server: the callEnded event follows and ends it here.
      console.warn(`call signal ${type} refused`, error);
    });
  }

  private async _offer(iceRestart: boolean): Promise<void> {
    const offer = await this._pc.createOffer(iceRestart ? { iceRestart: true } : {});
    await this._pc.setLocalDescription(offer);
    this._send('offer', this._pc.localDescription?.sdp ?? offer.sdp ?? '');
    if (this._state.kind === 'starting') this._setState({ kind: 'connecting' });
    this._sendMedia();
  }

  private async _onOffer(sdp: string): Promise<void> {
    await this._pc.setRemoteDescription({ type: 'offer', sdp });
    // The offer made the transceivers; sending on them from the start lets the tracks come in later
    // without another negotiation.
    for (const transceiver of this._pc.getTransceivers()) {
      if (transceiver.direction === 'stopped') continue;
      transceiver.direction = 'sendrecv';
      const sender = transceiver.sender as RTCRtpSender & { setStreams?: (...streams: MediaStream[]) => void };
      sender.setStreams?.(this._local);
      const track = this._local.getTracks().find((candidate) => candidate.kind === transceiver.receiver.track.kind);
      if (track && sender.track !== track) await sender.replaceTrack(track);
    }
    await this._drainCandidates();
    const answer = await this._pc.createAnswer();
    await this._pc.setLocalDescription(answer);
    this._send('answer', this._pc.localDescription?.sdp ?? answer.sdp ?? '');
    if (this._state.kind === 'starting') this._setState({ kind: 'connecting' });
    this._sendMedia();
  }

  private async _onAnswer(sdp: string): Promise<void> {
    if (this._pc.signalingState !== 'have-local-offer') return;
    await this._pc.setRemoteDescription({ type: 'answer', sdp });
    await this._drainCandidates();
  }

  private async _onCandidate(payload: string): Promise<void> {
    let candidate: RTCIceCandidateInit;
    try {
      candidate = JSON.parse(payload) as RTCIceCandidateInit;
    } catch {
      return;
    }
    if (!this._pc.remoteDescription) {
      this._pendingCandidates.push(candidate);
      return;
    }
    await this._pc.addIceCandidate(candidate).catch((error: unknown) => console.warn('ICE candidate not added', error));
  }

  private async _drainCandidates(): Promise<void> {
    const pending = this._pendingCandidates;
    this._pendingCandidates = [];
    for (const candidate of pending) {
      await this._pc.addIceCandidate(candidate).catch((error: unknown) => console.warn('ICE candidate not added', error));
    }
  }

  private _onRemoteMedia(payload: string): void {
    try {
      const parsed = JSON.parse(payload) as Partial<MediaState>;
      this._remoteMedia = { audio: parsed.audio === true, video: parsed.video === true, screen: parsed.screen === true };
      this._emit();
    } catch {
      // Not ours to repair: the server refuses payloads that do not parse.
    }
  }

  private _onTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0];
    if (stream) {
      if (this._remote === stream) return;
      this._remote = stream;
    } else {
      // No stream named in the SDP: gather the tracks in one (a new one each time, so players reload it).
      const tracks = [...(this._remote?.getTracks() ?? []), event.track];
      this._remote = new MediaStream(tracks);
    }
    this._emit();
  }

  private _onIceState(): void {
    if (this._state.kind === 'ended') return;
    const ice = this._pc.iceConnectionState;
    const connection = this._pc.connectionState;
    if ((ice === 'connected' || ice === 'completed') && connection !== 'connecting' && connection !== 'new') {
      window.clearTimeout(this._disconnectTimer);
      this._disconnectTimer = undefined;
      this._everConnected = true;
      this._setState({ kind: 'connected' });
      return;
    }
    if (ice === 'failed') {
      window.clearTimeout(this._disconnectTimer);
      this._disconnectTimer = undefined;
      this._setState({ kind: this._everConnected ? 'reconnecting' : 'connecting' });
      this._restartIce();
      return;
    }
    if (ice === 'disconnected') {
      this._setState({ kind: 'reconnecting' });
      if (this._disconnectTimer === undefined) {
        this._disconnectTimer = window.setTimeout(() => {
          this._disconnectTimer = undefined;
          if (this._pc.iceConnectionState === 'disconnected') this._restartIce();
        }, DISCONNECTED_GRACE_MS);
      }
    }
  }

  /** The initiator makes a new offer with fresh ICE credentials; the other side answers it as usual. */
  private _restartIce(): void {
    if (!this._initiator || this._state.kind === 'ended') return;
    this._enqueue(() => this._offer(true));
  }

  private _useMedia(media: LocalMedia): void {
    if (this._state.kind === 'ended') return;
    this._refused = media.refused;
    const audio = media.stream.getAudioTracks()[0]?.clone();
    const video = media.stream.getVideoTracks()[0]?.clone();
    this._hasAudio = audio !== undefined;
    this._hasVideo = video !== undefined;
    for (const track of [audio, video]) {
      if (!track) continue;
      this._local.addTrack(track);
      const transceiver = this._pc.getTransceivers().find((candidate) => candidate.direction !== 'stopped' && candidate.receiver.track.kind === track.kind);
      if (transceiver) void transceiver.sender.replaceTrack(track).catch((error: unknown) => console.warn('track not sent', error));
    }
    this._localMedia = { audio: this._hasAudio, video: this._hasVideo, screen: false };
    this._mediaKnown = true;
    this._sendMedia();
    this._emit();
  }

  private _setTrack(kind: 'audio' | 'video', on: boolean): void {
    const track = this._local.getTracks().find((candidate) => candidate.kind === kind);
    if (!track) return;
    track.enabled = on;
    this._localMedia = { ...this._localMedia, [kind]: on };
    this._sendMedia();
    this._emit();
  }

  /** Tells the other side what this side sends (once a description is out, so they have the call too). */
  private _sendMedia(): void {
    if (!this._pc.localDescription || !this._mediaKnown) return;
    this._send('media', JSON.stringify(this._localMedia));
  }
}
