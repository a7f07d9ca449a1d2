import { el } from './dom';
import { bind, type MessageKey } from './i18n';
import type { RoomStatus } from './types';

type HlsModule = typeof import('hls.js');
type HlsPlayer = InstanceType<HlsModule['default']>;

const RETRY_MS = 5000;

const messageKeys: Record<RoomStatus, MessageKey> = {
  scheduled: 'video.scheduled',
  live: 'video.live',
  interrupted: 'video.interrupted',
  ended: 'video.ended',
};

/**
 * The 16:9 video area. While the room is live it plays the HLS playlist (natively where the browser
 * can, else with hls.js, loaded only then); otherwise it shows what the room's status means.
 */
export class VideoArea {
  readonly element: HTMLElement;
  private readonly _video: HTMLVideoElement;
  private readonly _overlay: HTMLDivElement;
  private readonly _message: HTMLParagraphElement;
  private _status: RoomStatus | null = null;
  private _source = '';
  private _hls: HlsPlayer | null = null;
  private _retry: number | undefined;
  private _generation = 0;

  constructor() {
    this._video = el('video', {
      className: 'video-element',
      attrs: { playsinline: true, muted: true, autoplay: true, controls: true, preload: 'none' },
    });
    this._video.muted = true;
    this._video.hidden = true;
    this._message = el('p', { className: 'video-message' });
    this._overlay = el('div', { className: 'video-overlay' }, el('span', { className: 'video-icon', attrs: { 'aria-hidden': 'true' } }), this._message);
    this.element = el('section', { className: 'video', label: 'video.label' }, this._video, this._overlay);
  }

  setStatus(status: RoomStatus, hlsUrl: string): void {
    if (status === this._status && hlsUrl === this._source) return;
    this._status = status;
    this._source = hlsUrl;
    this.element.dataset['status'] = status;
    if (status === 'live' && hlsUrl) {
      this._play();
    } else {
      this._stop();
      this._showMessage(messageKeys[status]);
    }
  }

  private _showMessage(key: MessageKey): void {
    bind(this._message, key);
    this._overlay.hidden = false;
  }

  private _stop(): void {
    this._generation++;
    window.clearTimeout(this._retry);
    this._hls?.destroy();
    this._hls = null;
    this._video.pause();
    this._video.removeAttribute('src');
    this._video.hidden = true;
  }

  private _play(): void {
    this._stop();
    const generation = this._generation;
    this._showMessage('video.live');
    this._video.hidden = false;
    const onError = () => {
      if (generation !== this._generation) return;
      this._showMessage('video.error');
      this._video.hidden = true;
      this._hls?.destroy();
      this._hls = null;
      this._retry = window.setTimeout(() => {
        if (generation === this._generation && this._status === 'live') this._play();
      }, RETRY_MS);
    };
    this._video.onplaying = () => {
      if (generation === this._generation) this._overlay.hidden = true;
    };

    if (this._video.canPlayType('application/vnd.apple.mpegurl')) {
      this._video.onerror = onError;
      this._video.src = this._source;
      void this._video.play().catch(() => undefined);
      return;
    }
    import('hls.js')
      .then(({ default: Hls }) => {
        if (generation !== this._generation) return;
        if (!Hls.isSupported()) {
          onError();
          return;
        }
        const hls = new Hls({ lowLatencyMode: true, backBufferLength: 30 });
        this._hls = hls;
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) onError();
        });
        hls.on(Hls.Events.MANIFEST_PARSED, () => void this._video.play().catch(() => undefined));
        hls.loadSource(this._source);
        hls.attachMedia(this._video);
      })
      .catch(onError);
  }
}
