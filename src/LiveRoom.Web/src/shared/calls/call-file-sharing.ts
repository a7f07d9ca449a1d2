import { button, el, type InlineError } from '../dom';
import { bind, t } from '../i18n';
import { uploadCallFile, uploadSnapshot, CallUploadError } from './calls-api';
import { viewerNameIn } from './call-item-list';
import { sizeText } from './format';
import type { CallSession } from './session';
import { CALL_FILE_TYPES, callFileType, MAX_CALL_FILE_BYTES, MAX_SNAPSHOT_BYTES, type CallFile } from './types';

const ACCEPT = Object.entries(CALL_FILE_TYPES)
  .flatMap(([type, endings]) => [type, ...endings.map((ending) => `.${ending}`)])
  .join(',');

/** What sharing needs of the panel it is in. */
export interface CallFileSharingHost {
  readonly session: CallSession;
  /** Where a refused file or failed upload is said. */
  readonly error: InlineError;
  /** The panel's root: `data-sending`, `data-last-shared` and `data-last-snapshot` go on it. */
  root(): HTMLElement;
  token(): string | null;
  /** The call is over: nothing more is sent. */
  ended(): boolean;
  /** A file or snapshot was kept (with the picture itself for a snapshot). */
  kept(file: CallFile, local?: Blob): void;
  /** Said through the panel's live region. */
  announce(text: string): void;
  /** Agents: the picture a snapshot keeps (the viewer's remote video). */
  snapshotSource?: () => HTMLVideoElement | null;
  /** Called when a snapshot was kept (the view flashes). */
  snapshotTaken?: () => void;
}

/**
 * Sharing during a call: "Share a file" (checked here for type and size before anything is sent, then
 * uploaded with progress) and, for agents, "Snapshot" (the viewer's picture as it is on screen, kept as
 * a JPEG).
 */
export class CallFileSharing {
  /** The hidden file input the share button opens. */
  readonly input: HTMLInputElement;
  readonly shareButton: HTMLButtonElement;
  /** "Sending … NN%", then "Shared …". */
  readonly progress = el('p', { className: 'call-items-progress', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  /** "Snapshot" (agents with a snapshot source), for the call's controls. */
  readonly snapshotButton: HTMLButtonElement | null;

  /** `hintId`: the element that says what may be shared (the share button is described by it). */
  constructor(
    private readonly _host: CallFileSharingHost,
    hintId: string,
  ) {
    this.input = el('input', {
      className: 'call-items-file offscreen',
      attrs: { 'type': 'file', 'accept': ACCEPT, 'tabindex': '-1', 'aria-hidden': 'true' },
    });
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      this.input.value = '';
      if (file) void this._share(file);
    });
    this.shareButton = button('call.items.share', () => this.input.click(), {
      className: 'call-items-share secondary small',
      attrs: { 'aria-describedby': hintId },
    });
    this.progress.hidden = true;
    this.snapshotButton = _host.snapshotSource
      ? button('call.snapshot', () => void this._snapshot(), { className: 'call-control call-snapshot secondary' })
      : null;
    if (this.snapshotButton) bind(this.snapshotButton, 'call.snapshotLabel', { name: viewerNameIn(_host.session) }, 'aria-label');
  }

  /** Checks the type and the size here (a clear word before anything is sent), then uploads with progress. */
  private async _share(file: File): Promise<void> {
    const error = this._host.error;
    error.clear();
    const name = file.name;
    const type = callFileType(file);
    if (!type) {
      error.show(t('call.items.wrongType', { name }));
      return;
    }
    if (file.size > MAX_CALL_FILE_BYTES) {
      error.show(t('call.items.tooLarge', { name, size: sizeText(file.size) }));
      return;
    }
    if (file.size === 0) {
      error.show(t('call.items.emptyFile', { name }));
      return;
    }
    const token = this._host.token();
    if (!token || this._host.ended()) return;
    this.shareButton.disabled = true;
    this._showProgress(name, 0);
    try {
      const kept = await uploadCallFile(token, this._host.session.callId, file, name, type, (sent, total) => this._showProgress(name, total > 0 ? sent / total : 0));
      this._host.kept(kept);
      this.progress.textContent = t('call.items.shared', { name: kept.name });
      this._host.root().dataset['lastShared'] = kept.id;
      window.setTimeout(() => {
        if (this.progress.textContent === t('call.items.shared', { name: kept.name })) this.progress.hidden = true;
      }, 4000);
    } catch (failure) {
      this.progress.hidden = true;
      error.show(this._uploadMessage(failure, name));
    } finally {
      this.shareButton.disabled = this._host.ended();
    }
  }

  private _showProgress(name: string, fraction: number): void {
    const root = this._host.root();
    this.progress.hidden = false;
    root.dataset['sending'] = 'true';
    this.progress.textContent = t('call.items.sending', { name, n: Math.min(99, Math.floor(fraction * 100)) });
    if (fraction >= 1) delete root.dataset['sending'];
  }

  private _uploadMessage(failure: unknown, name: string): string {
    delete this._host.root().dataset['sending'];
    if (!(failure instanceof CallUploadError)) return t('error.generic');
    if (failure.status === 413) return t('call.items.tooLargeCap', { name });
    if (failure.status === 415) return t('call.items.wrongType', { name });
    if (failure.status === 0) return t('error.network');
    return t('call.items.refused', { name, reason: failure.userMessage });
  }

  /** The viewer's picture as it is on screen now, drawn to a canvas and kept as a JPEG. */
  private async _snapshot(): Promise<void> {
    const video = this._host.snapshotSource?.() ?? null;
    const control = this.snapshotButton;
    const error = this._host.error;
    error.clear();
    if (!video || video.videoWidth === 0 || video.videoHeight === 0) {
      error.show(t('call.snapshotNoPicture'));
      return;
    }
    const token = this._host.token();
    if (!token || !control) return;
    control.disabled = true;
    try {
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
      let image = await toJpeg(canvas, 0.85);
      // A very large picture: a little more compression keeps it under the server's cap.
      if (image && image.size > MAX_SNAPSHOT_BYTES) image = await toJpeg(canvas, 0.6);
      if (!image) throw new Error('no image');
      const kept = await uploadSnapshot(token, this._host.session.callId, image);
      this._host.kept(kept, image);
      this._host.snapshotTaken?.();
      this._host.announce(t('call.snapshotTaken'));
      this._host.root().dataset['lastSnapshot'] = kept.id;
    } catch (failure) {
      error.show(failure instanceof CallUploadError ? t('call.snapshotFailed', { reason: failure.userMessage }) : t('error.generic'));
    } finally {
      control.disabled = this._host.ended();
    }
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', quality));
}
