import { EngineBase, type EngineKind } from './engine';

/**
 * A MediaStream (a call's remote or local camera) in a <video>. The stream belongs to whoever made it
 * (the call's peer connection, getUserMedia): destroying the engine takes it off the element and leaves
 * its tracks alone. When every video track has ended (the other side hung up, the camera was unplugged;
 * every track, for a stream without video) it reports `ended`; a track that goes quiet for a while (`mute`) reports `stalled` until it is back.
 */
export class WebRtcEngine extends EngineBase {
  readonly kind: EngineKind = 'webrtc';
  private readonly _tracks = new Set<MediaStreamTrack>();
  private readonly _onTrackEnded = () => {
    // The picture's tracks decide; a stream without video (a voice-only call) ends with its sound.
    const video = this._stream.getVideoTracks();
    const tracks = video.length > 0 ? video : this._stream.getTracks();
    if (tracks.length > 0 && tracks.every((track) => track.readyState === 'ended')) this.emit({ type: 'ended' });
  };
  private readonly _onTrackMute = () => this.emit({ type: 'stalled' });
  private readonly _onTrackUnmute = () => this.emit({ type: 'playing' });
  private readonly _onAddTrack = (event: MediaStreamTrackEvent) => this._watch(event.track);

  /** `muted` for one's own camera (no echo of one's own voice) or until the page may play sound. */
  constructor(
    private readonly _stream: MediaStream,
    private readonly _muted = false,
  ) {
    super();
  }

  start(): void {
    const video = this.video;
    for (const track of this._stream.getTracks()) this._watch(track);
    this._stream.addEventListener('addtrack', this._onAddTrack);
    video.muted = this._muted;
    video.srcObject = this._stream;
    this.play();
    // A stream whose tracks were already over before it got here.
    this._onTrackEnded();
  }

  protected release(video: HTMLVideoElement): void {
    this._stream.removeEventListener('addtrack', this._onAddTrack);
    for (const track of this._tracks) {
      track.removeEventListener('ended', this._onTrackEnded);
      track.removeEventListener('mute', this._onTrackMute);
      track.removeEventListener('unmute', this._onTrackUnmute);
    }
    this._tracks.clear();
    if (video.srcObject === this._stream) video.srcObject = null;
  }

  private _watch(track: MediaStreamTrack): void {
    if (this._tracks.has(track)) return;
    this._tracks.add(track);
    track.addEventListener('ended', this._onTrackEnded);
    if (track.kind !== 'video') return;
    track.addEventListener('mute', this._onTrackMute);
    track.addEventListener('unmute', this._onTrackUnmute);
  }
}
