// One's own camera and microphone for calls. What the device allows decides what is sent: both, sound
// only (no camera, or the camera is refused), picture only, or nothing (then the call still shows and
// hears the other side).

/** What getUserMedia gave, and why something is missing. */
export interface LocalMedia {
  /** The tracks as the device gives them; a call sends clones, so muting one call leaves others alone. */
  readonly stream: MediaStream;
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
  /** The person refused access (or the page may not ask): nothing more will come from asking again now. */
  readonly refused: boolean;
}

const VIDEO: MediaTrackConstraints = { width: { ideal: 960 }, height: { ideal: 540 }, frameRate: { ideal: 30 } };

/** Sound and picture if possible, else sound alone, else picture alone, else nothing. Never rejects. */
export async function openLocalMedia(): Promise<LocalMedia> {
  const devices = navigator.mediaDevices;
  if (!devices?.getUserMedia) return { stream: new MediaStream(), hasAudio: false, hasVideo: false, refused: false };
  let refused = false;
  for (const constraints of [{ audio: true, video: VIDEO }, { audio: true }, { video: VIDEO }] satisfies MediaStreamConstraints[]) {
    try {
      const stream = await devices.getUserMedia(constraints);
      return { stream, hasAudio: stream.getAudioTracks().length > 0, hasVideo: stream.getVideoTracks().length > 0, refused: false };
    } catch (error) {
      // NotAllowedError: refused (both together may be refused while one alone is allowed, so go on);
      // NotFoundError, NotReadableError, OverconstrainedError: that device is missing or busy.
      if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError')) refused = true;
    }
  }
  return { stream: new MediaStream(), hasAudio: false, hasVideo: false, refused };
}

/** Stops every track of a stream (the camera light goes off). */
export function stopMedia(media: LocalMedia | null): void {
  for (const track of media?.stream.getTracks() ?? []) track.stop();
}

/**
 * Opens the devices once and hands the same result to whoever asks until released: the console opens
 * them when the agent becomes available, so an accepted call starts without waiting for the camera.
 */
export class LocalMediaSource {
  private _opening: Promise<LocalMedia> | null = null;
  private _media: LocalMedia | null = null;

  /** The media, opening the devices if they are not open yet. */
  get(): Promise<LocalMedia> {
    this._opening ??= openLocalMedia().then((media) => {
      this._media = media;
      return media;
    });
    return this._opening;
  }

  /** The media when already open, without asking. */
  get current(): LocalMedia | null {
    return this._media;
  }

  /** Closes the devices (the camera light goes off); the next `get` opens them again. */
  release(): void {
    const opening = this._opening;
    this._opening = null;
    this._media = null;
    void opening?.then(stopMedia);
  }
}
