import { canPlayH264WithMse, EngineBase, H264_AAC, type EngineKind, type PlaybackFailure } from './engine';

/**
 * A recorded MP4 (the replay), played by the browser with its own controls. It does not start by itself:
 * it loads the metadata (duration, the poster) and waits for the viewer to press play.
 */
export class FileEngine extends EngineBase {
  readonly kind: EngineKind = 'mp4';

  constructor(
    private readonly _url: string,
    private readonly _posterUrl: string | null = null,
  ) {
    super();
  }

  start(): void {
    const video = this.video;
    if (video.canPlayType(H264_AAC) === '' && !canPlayH264WithMse()) {
      this.emit({ type: 'error', failure: 'unsupported' });
      return;
    }
    video.preload = 'metadata';
    if (this._posterUrl) video.poster = this._posterUrl;
    video.src = this._url;
  }

  protected override mediaErrorFailure(error: MediaError | null): PlaybackFailure {
    const code = error?.code;
    return code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED || code === MediaError.MEDIA_ERR_DECODE ? 'unsupported' : 'failed';
  }

  protected release(video: HTMLVideoElement): void {
    video.removeAttribute('src');
    video.removeAttribute('poster');
  }
}
