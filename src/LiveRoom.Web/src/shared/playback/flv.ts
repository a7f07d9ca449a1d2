import { bufferedAhead, EngineBase, type EngineKind } from './engine';

type MpegtsModule = typeof import('mpegts.js');
type FlvPlayer = ReturnType<MpegtsModule['default']['createPlayer']>;

/**
 * Live HTTP-FLV through mpegts.js (loaded only when chosen): about one second behind the host. It chases
 * the live edge when more than 2.5 s behind. Where the browser has no live FLV it reports `unavailable`,
 * and the player falls back to HLS.
 */
/** The relay's clock cue (`onLiveRoomClock` script data before each keyframe): when the frame at `timestamp` reached the server. */
interface ClockCue {
  timestamp: number;
  serverTime: number;
}

const MAX_CUES = 64;

export class FlvEngine extends EngineBase {
  readonly kind: EngineKind = 'flv';
  private _player: FlvPlayer | null = null;
  /** The stream timestamp at the video's time 0: the first cue stands just before the first frame played. */
  private _base: number | null = null;
  private readonly _cues: ClockCue[] = [];

  constructor(private readonly _url: string) {
    super();
  }

  start(): void {
    import('mpegts.js')
      .then(({ default: mpegts }) => {
        if (this.destroyed) return;
        if (!mpegts.getFeatureList().mseLivePlayback) {
          this.emit({ type: 'error', failure: 'unavailable' });
          return;
        }
        mpegts.LoggingControl.applyConfig({ enableAll: false, enableError: false, enableWarn: false, enableInfo: false, enableDebug: false, enableVerbose: false });
        const player = mpegts.createPlayer(
          { type: 'flv', isLive: true, hasAudio: true, hasVideo: true, url: new URL(this._url, location.href).href },
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
        this._player = player;
        player.on(mpegts.Events.ERROR, (type: string, detail: string) => {
          const codec = type === mpegts.ErrorTypes.MEDIA_ERROR && detail === mpegts.ErrorDetails.MEDIA_CODEC_UNSUPPORTED;
          this.emit({ type: 'error', failure: codec ? 'unsupported' : 'failed' });
        });
        // The server closes the stream when the host drops; the room's status says what happens next.
        player.on(mpegts.Events.LOADING_COMPLETE, () => this.emit({ type: 'ended' }));
        player.on(mpegts.Events.SCRIPTDATA_ARRIVED, (data: unknown) => this._onScriptData(data));
        player.attachMediaElement(this.video);
        player.load();
        this.play();
      })
      .catch(() => this.emit({ type: 'error', failure: 'failed' }));
  }

  override latency(): number | null {
    return this._player ? bufferedAhead(this.video) : null;
  }

  /**
   * The frame on screen's stream timestamp is the first cue's plus the video's time; the latest cue at or before
   * it says when that stretch of the stream reached the server (so a publisher's stall does not shift it).
   */
  arrivalDate(): number | null {
    if (!this._player || this._base === null) return null;
    const at = this._base + this.video.currentTime * 1000;
    let cue: ClockCue | undefined;
    for (const candidate of this._cues) {
      if (candidate.timestamp > at) break;
      cue = candidate;
    }
    cue ??= this._cues[0];
    return cue ? cue.serverTime + (at - cue.timestamp) : null;
  }

  private _onScriptData(data: unknown): void {
    const cue = (data as { onLiveRoomClock?: Partial<ClockCue> } | null)?.onLiveRoomClock;
    if (typeof cue?.timestamp !== 'number' || typeof cue.serverTime !== 'number') return;
    this._base ??= cue.timestamp;
    this._cues.push({ timestamp: cue.timestamp, serverTime: cue.serverTime });
    if (this._cues.length > MAX_CUES) this._cues.splice(0, this._cues.length - MAX_CUES);
  }

  protected release(): void {
    const player = this._player;
    this._player = null;
    if (!player) return;
    try {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    } catch {
      // Already torn down.
    }
  }
}
