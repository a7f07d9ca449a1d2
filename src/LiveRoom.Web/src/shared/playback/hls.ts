import { EngineBase, type EngineKind } from './engine';

type HlsModule = typeof import('hls.js');
type HlsPlayer = InstanceType<HlsModule['default']>;

/**
 * Live HLS through hls.js (loaded only when a live picture is wanted). Plays 2 s behind the end of the
 * playlist (two of the server's default 1 s segments; glass to glass about 3 s, docs/benchmarks/live-video.md)
 * and catches up gently after a stall; past 6 s behind, it jumps back to the edge.
 */
export class HlsEngine extends EngineBase {
  readonly kind: EngineKind = 'hls';
  private _hls: HlsPlayer | null = null;

  constructor(private readonly _url: string) {
    super();
  }

  start(): void {
    import('hls.js')
      .then(({ default: Hls }) => {
        if (this.destroyed) return;
        if (!Hls.isSupported()) {
          this.emit({ type: 'error', failure: 'unsupported' });
          return;
        }
        const hls = new Hls({
          lowLatencyMode: true,
          backBufferLength: 30,
          liveSyncDuration: 2,
          liveMaxLatencyDuration: 6,
          maxLiveSyncPlaybackRate: 1.2,
          // The playlists date product cards (EXT-X-DATERANGE) for other players; this page gets them from the
          // hub. hls.js would turn them into metadata cues through a data: URL track, which the CSP refuses.
          enableDateRangeMetadataCues: false,
        });
        this._hls = hls;
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal) return;
          const codec = data.type === Hls.ErrorTypes.MEDIA_ERROR && data.details === Hls.ErrorDetails.BUFFER_ADD_CODEC_ERROR;
          this.emit({ type: 'error', failure: codec ? 'unsupported' : 'failed' });
        });
        hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
        hls.loadSource(this._url);
        hls.attachMedia(this.video);
      })
      .catch(() => this.emit({ type: 'error', failure: 'failed' }));
  }

  override stop(): void {
    this._hls?.stopLoad();
    super.stop();
  }

  override latency(): number | null {
    const latency = this._hls?.latency;
    return typeof latency === 'number' && Number.isFinite(latency) ? latency : null;
  }

  /** hls.js maps the playhead through the playlist's EXT-X-PROGRAM-DATE-TIME. */
  playingDate(): number | null {
    const date = this._hls?.playingDate;
    return date && Number.isFinite(date.getTime()) ? date.getTime() : null;
  }

  protected release(): void {
    const hls = this._hls;
    this._hls = null;
    hls?.destroy();
  }
}

/** Live HLS played by the browser itself (Safari on iPhones without Media Source Extensions). */
export class NativeHlsEngine extends EngineBase {
  readonly kind: EngineKind = 'native-hls';

  constructor(private readonly _url: string) {
    super();
  }

  start(): void {
    this.video.src = this._url;
    this.play();
  }

  /** Safari's own HLS dates the stream's start (`getStartDate`, from the playlist's program date-time). */
  playingDate(): number | null {
    const video = this.video as HTMLVideoElement & { getStartDate?: () => Date };
    const start = video.getStartDate?.().getTime();
    return start !== undefined && Number.isFinite(start) && video.currentTime > 0 ? start + video.currentTime * 1000 : null;
  }

  protected release(video: HTMLVideoElement): void {
    video.removeAttribute('src');
  }
}
