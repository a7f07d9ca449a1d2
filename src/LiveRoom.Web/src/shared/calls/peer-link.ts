import type { RemotePeer } from './session';
import type { CallParticipant, MediaState, SignalMessage, SignalType } from './types';

/** Where the media path to one other participant stands. */
export type PeerState = 'new' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** How long ICE may stay `disconnected` before the offering side restarts it. */
const DISCONNECTED_GRACE_MS = 3000;

/** The `o=` line of an SDP: its session id (one per peer connection) and version (counts its descriptions). */
export function sdpOrigin(sdp: string): { session: string; version: string } | null {
  const line = sdp.split(/\r?\n/).find((candidate) => candidate.startsWith('o='));
  const fields = line?.slice(2).split(' ') ?? [];
  return fields.length >= 3 ? { session: fields[1]!, version: fields[2]! } : null;
}

/** Orders two SDP session ids (decimal numbers of up to 20 digits). */
function compareSessions(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** What the other side sends until it says otherwise. */
export const ASSUMED_REMOTE: MediaState = { audio: true, video: true, screen: false };

/** What a peer link needs of the call it belongs to (the call session). */
export interface PeerLinkHost {
  readonly localStream: MediaStream;
  outgoingTrack(kind: 'audio' | 'video'): MediaStreamTrack | null;
  changed(): void;
  sendTo(to: string, type: SignalType, payload: string): void;
  sendMediaTo(link: PeerLink): void;
  /** `link` got an offer from a new peer connection of its participant: a new link answers it instead. */
  startAfresh(link: PeerLink, offerSdp: string): void;
}

/**
 * The media path to one other participant: one RTCPeerConnection. Exactly one side of each pair offers
 * (`offerer`): the initiator towards the viewer, a newcomer towards everyone already in the call. The
 * offering side also repairs the path with an ICE restart.
 */
export class PeerLink implements RemotePeer {
  participant: CallParticipant;
  readonly pc: RTCPeerConnection;
  state: PeerState = 'new';
  remoteStream: MediaStream | null = null;
  remoteMedia: MediaState = ASSUMED_REMOTE;
  private _pending: RTCIceCandidateInit[] = [];
  /** Signals are handled one after the other: an answer must not overtake its offer's handling. */
  private _queue: Promise<void> = Promise.resolve();
  private _disconnectTimer: number | undefined;
  private _everConnected = false;

  constructor(
    private readonly _session: PeerLinkHost,
    participant: CallParticipant,
    readonly offerer: boolean,
    iceServers: RTCIceServer[],
    iceTransportPolicy: RTCIceTransportPolicy,
  ) {
    this.participant = participant;
    this.pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    this.pc.addEventListener('icecandidate', (event) => {
      // A null candidate only says gathering is over: nothing to relay.
      if (!event.candidate || !event.candidate.candidate) return;
      this.send('candidate', JSON.stringify(event.candidate.toJSON()));
    });
    this.pc.addEventListener('track', (event) => this._onTrack(event));
    this.pc.addEventListener('iceconnectionstatechange', () => this._onIceState());
    this.pc.addEventListener('connectionstatechange', () => this._onIceState());
    if (offerer) {
      // The transceivers exist before the devices are open: the offer goes out at once.
      this.pc.addTransceiver('audio', { direction: 'sendrecv', streams: [_session.localStream] });
      this.pc.addTransceiver('video', { direction: 'sendrecv', streams: [_session.localStream] });
      this.useTracks();
      this.enqueue(() => this._offer(false));
    }
  }

  get open(): boolean {
    return this.state !== 'closed';
  }

  get described(): boolean {
    return this.pc.localDescription !== null;
  }

  /**
   * Whether `sdp`, an offer from this link's participant, comes from another peer connection than the one this
   * link talks to, so a new link must answer it: their page started afresh (a reload) and offers like a newcomer.
   * Two fresh pages whose first offers cross (both reloaded at once): the one with the smaller session answers.
   */
  offerStartsAfresh(sdp: string): boolean {
    const incoming = sdpOrigin(sdp);
    if (!incoming) return false;
    const remote = this.pc.remoteDescription;
    if (remote) return sdpOrigin(remote.sdp)?.session !== incoming.session;
    const local = this.pc.localDescription;
    if (!this.offerer || local?.type !== 'offer') return false;
    const own = sdpOrigin(local.sdp);
    // An offer of a later version comes from an older connection (an ICE restart of the page that was there
    // before the reload): it is left unanswered, and that side takes up this link's offer instead.
    return own !== null && own.version === incoming.version && compareSessions(own.session, incoming.session) < 0;
  }

  enqueue(step: () => Promise<void>): void {
    this._queue = this._queue
      .then(() => (this.open ? step() : undefined))
      .catch((error: unknown) => console.warn('call signalling step failed', error));
  }

  handle(message: SignalMessage): void {
    switch (message.type) {
      case 'offer':
        this.enqueue(() => this._onOffer(message.payload));
        break;
      case 'answer':
        this.enqueue(() => this._onAnswer(message.payload));
        break;
      case 'candidate':
        this.enqueue(() => this._onCandidate(message.payload));
        break;
      case 'media':
        this._onRemoteMedia(message.payload);
        break;
    }
  }

  send(type: SignalType, payload: string): void {
    if (this.open) this._session.sendTo(this.participant.id, type, payload);
  }

  /** Puts the session's current outgoing tracks on the senders (after devices open, a screen share…). */
  useTracks(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.direction === 'stopped') continue;
      const kind = transceiver.receiver.track.kind as 'audio' | 'video';
      const track = this._session.outgoingTrack(kind);
      if (track && transceiver.sender.track !== track) {
        void transceiver.sender.replaceTrack(track).catch((error: unknown) => console.warn('track not sent', error));
      }
    }
  }

  close(): void {
    if (!this.open) return;
    window.clearTimeout(this._disconnectTimer);
    this.state = 'closed';
    this.pc.close();
  }

  async framesDecoded(): Promise<number> {
    if (!this.open) return 0;
    const stats = await this.pc.getStats();
    let frames = 0;
    stats.forEach((report: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
    });
    return frames;
  }

  private _setState(state: PeerState): void {
    if (this.state === state || !this.open) return;
    this.state = state;
    this._session.changed();
  }

  private async _offer(iceRestart: boolean): Promise<void> {
    const offer = await this.pc.createOffer(iceRestart ? { iceRestart: true } : {});
    await this.pc.setLocalDescription(offer);
    this.send('offer', this.pc.localDescription?.sdp ?? offer.sdp ?? '');
    if (this.state === 'new') this._setState('connecting');
    this._session.sendMediaTo(this);
  }

  private async _onOffer(sdp: string): Promise<void> {
    // This side offers on this link and waits for the answer: an offer crossing it is not taken (see
    // offerStartsAfresh), or the answer to this side's offer would find no offer waiting for it.
    if (this.pc.signalingState === 'have-local-offer') {
      if (this.offerStartsAfresh(sdp)) this._session.startAfresh(this, sdp);
      return;
    }
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    // The offer made the transceivers; sending on them from the start lets the tracks come in later
    // without another negotiation.
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.direction === 'stopped') continue;
      transceiver.direction = 'sendrecv';
      const sender = transceiver.sender as RTCRtpSender & { setStreams?: (...streams: MediaStream[]) => void };
      sender.setStreams?.(this._session.localStream);
    }
    this.useTracks();
    await this._drainCandidates();
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    this.send('answer', this.pc.localDescription?.sdp ?? answer.sdp ?? '');
    if (this.state === 'new') this._setState('connecting');
    this._session.sendMediaTo(this);
  }

  private async _onAnswer(sdp: string): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    await this._drainCandidates();
  }

  private async _onCandidate(payload: string): Promise<void> {
    let candidate: RTCIceCandidateInit;
    try {
      candidate = JSON.parse(payload) as RTCIceCandidateInit;
    } catch {
      return;
    }
    if (!this.pc.remoteDescription) {
      this._pending.push(candidate);
      return;
    }
    await this.pc.addIceCandidate(candidate).catch((error: unknown) => console.warn('ICE candidate not added', error));
  }

  private async _drainCandidates(): Promise<void> {
    const pending = this._pending;
    this._pending = [];
    for (const candidate of pending) {
      await this.pc.addIceCandidate(candidate).catch((error: unknown) => console.warn('ICE candidate not added', error));
    }
  }

  private _onRemoteMedia(payload: string): void {
    try {
      const parsed = JSON.parse(payload) as Partial<MediaState>;
      this.remoteMedia = { audio: parsed.audio === true, video: parsed.video === true, screen: parsed.screen === true };
      this._session.changed();
    } catch {
      // Not ours to repair: the server refuses payloads that do not parse.
    }
  }

  private _onTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0];
    if (stream) {
      if (this.remoteStream === stream) return;
      this.remoteStream = stream;
    } else {
      // No stream named in the SDP: gather the tracks in one (a new one each time, so players reload it).
      this.remoteStream = new MediaStream([...(this.remoteStream?.getTracks() ?? []), event.track]);
    }
    this._session.changed();
  }

  private _onIceState(): void {
    if (!this.open) return;
    const ice = this.pc.iceConnectionState;
    const connection = this.pc.connectionState;
    if ((ice === 'connected' || ice === 'completed') && connection !== 'connecting' && connection !== 'new') {
      window.clearTimeout(this._disconnectTimer);
      this._disconnectTimer = undefined;
      this._everConnected = true;
      this._setState('connected');
      return;
    }
    if (ice === 'failed') {
      window.clearTimeout(this._disconnectTimer);
      this._disconnectTimer = undefined;
      this._setState(this._everConnected ? 'reconnecting' : 'connecting');
      this._restartIce();
      return;
    }
    if (ice === 'disconnected') {
      this._setState('reconnecting');
      if (this._disconnectTimer === undefined) {
        this._disconnectTimer = window.setTimeout(() => {
          this._disconnectTimer = undefined;
          if (this.pc.iceConnectionState === 'disconnected') this._restartIce();
        }, DISCONNECTED_GRACE_MS);
      }
    }
  }

  /** The offering side makes a new offer with fresh ICE credentials; the other side answers it as usual. */
  private _restartIce(): void {
    if (!this.offerer || !this.open) return;
    this.enqueue(() => this._offer(true));
  }
}
