import type { CallSession } from './session';

/**
 * MediaRecorder hands over a chunk this often (docs/CALLS.md: "a chunk every few seconds"). Short, because
 * the server takes no chunk once the take is over: a stop or an end this side did not start loses what was
 * recorded since the last chunk.
 */
const TIMESLICE_MS = 1000;
/** The composed picture: 16:9, each participant in a cell. */
const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 15;
/** Waits between attempts of a chunk that met a network error or a server failure. */
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];

/** Where one chunk went. `stop`: the server says the call is no longer recorded by this caller. */
export type ChunkOutcome = 'stored' | 'stop' | 'dropped';

/** SHA-256 of the body as an RFC 9530 `Content-Digest` value: `sha-256=:<base64>:`. */
export async function contentDigest(body: ArrayBuffer): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  let binary = '';
  for (const byte of hash) binary += String.fromCharCode(byte);
  return `sha-256=:${btoa(binary)}:`;
}

const wait = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/**
 * PUT /api/calls/{callId}/recording/takes/{take}/chunks/{seq} with the chunk's digest. Network errors,
 * 5xx and 429 are tried again (the same chunk under the same seq is safe to send twice); `409
 * not_recording` stops the take; any other refusal drops the chunk (the server reports the gap).
 */
export async function uploadChunk(callId: string, take: number, seq: number, chunk: Blob, token: () => string): Promise<ChunkOutcome> {
  const body = await chunk.arrayBuffer();
  const digest = await contentDigest(body);
  const url = `/api/calls/${encodeURIComponent(callId)}/recording/takes/${take}/chunks/${seq}`;
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    let code = '';
    try {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'video/webm', 'Content-Digest': digest, 'Authorization': `Bearer ${token()}` },
        body,
        credentials: 'same-origin',
      });
      status = response.status;
      if (response.ok) return 'stored';
      code = await response
        .json()
        .then((problem: { code?: string; type?: string }) => problem.code ?? '')
        .catch(() => '');
    } catch {
      // A network error: try again below.
    }
    if (status === 409 && code !== 'conflict') return 'stop';
    const again = status === 0 || status === 429 || status >= 500;
    if (!again || attempt >= RETRY_MS.length) {
      console.warn(`recording chunk ${take}/${seq} not stored (${status} ${code})`);
      return 'dropped';
    }
    await wait(RETRY_MS[attempt] ?? 15000);
  }
}

/**
 * The call as the agent who asked records it, in their browser: a canvas drawing every participant's
 * picture (the others' and one's own) and a WebAudio mix of every voice, recorded by MediaRecorder as
 * WebM in chunks of about 3 s, each uploaded in order (`seq` from 0 within the take) while the take runs.
 */
export class CallRecorder {
  private readonly _canvas = document.createElement('canvas');
  private readonly _videos = new Map<string, HTMLVideoElement>();
  private readonly _audio = new AudioContext();
  private readonly _mix = this._audio.createMediaStreamDestination();
  private readonly _sources = new Map<string, MediaStreamAudioSourceNode>();
  private readonly _recorder: MediaRecorder;
  private readonly _stopListening: () => void;
  private _drawTimer: number | undefined;
  private _seq = 0;
  private _uploads: Promise<void> = Promise.resolve();
  private _stopped = false;
  /** Chunks stored so far (for tests and the page's status). */
  stored = 0;

  constructor(
    private readonly _session: CallSession,
    readonly take: number,
    private readonly _token: () => string,
    private readonly _onStop: () => void = () => undefined,
  ) {
    this._canvas.width = WIDTH;
    this._canvas.height = HEIGHT;
    const picture = this._canvas.captureStream(FPS);
    this._syncStreams();
    this._stopListening = _session.onChange(() => this._syncStreams());
    const stream = new MediaStream([...picture.getVideoTracks(), ...this._mix.stream.getAudioTracks()]);
    const mimeType = ['video/webm;codecs=vp8,opus', 'video/webm'].find((type) => MediaRecorder.isTypeSupported(type));
    this._recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    this._recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this._upload(event.data);
    });
  }

  start(): void {
    void this._audio.resume().catch(() => undefined);
    this._drawTimer = window.setInterval(() => this._draw(), 1000 / FPS);
    this._draw();
    this._recorder.start(TIMESLICE_MS);
  }

  /**
   * Stops recording and waits (at most `timeoutMs`) until the last chunk is up: the recording agent does
   * this before stopping the take or hanging up, while the server still takes the take's chunks.
   */
  async finish(timeoutMs = 4000): Promise<void> {
    if (this._stopped) return;
    const stopped = new Promise<void>((resolve) => {
      if (this._recorder.state === 'inactive') resolve();
      else this._recorder.addEventListener('stop', () => resolve(), { once: true });
    });
    this.stop();
    const deadline = wait(timeoutMs);
    await Promise.race([stopped, deadline]);
    // The last chunk's dataavailable came before stop: its upload is on the chain now.
    await Promise.race([this._uploads, deadline]);
  }

  /** Stops recording; the last chunk still goes up (the server refuses it if the take is over). */
  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    window.clearInterval(this._drawTimer);
    this._stopListening();
    if (this._recorder.state !== 'inactive') this._recorder.stop();
    for (const video of this._videos.values()) video.srcObject = null;
    this._videos.clear();
    void this._uploads.finally(() => this._audio.close().catch(() => undefined));
  }

  private _upload(chunk: Blob): void {
    const seq = this._seq++;
    this._uploads = this._uploads.then(async () => {
      const outcome = await uploadChunk(this._session.callId, this.take, seq, chunk, this._token);
      if (outcome === 'stored') this.stored++;
      if (outcome === 'stop') {
        this.stop();
        this._onStop();
      }
    });
  }

  /** Every participant's stream: the others' as they arrive and leave, one's own (what is sent now). */
  private _syncStreams(): void {
    if (this._stopped) return;
    const streams = new Map<string, MediaStream>();
    for (const peer of this._session.peers) if (peer.remoteStream) streams.set(peer.participant.id, peer.remoteStream);
    streams.set(this._session.selfId, this._session.localStream);
    for (const [id, video] of this._videos) {
      if (streams.get(id) === video.srcObject) continue;
      video.srcObject = null;
      this._videos.delete(id);
      this._sources.get(id)?.disconnect();
      this._sources.delete(id);
    }
    for (const [id, stream] of streams) {
      if (this._videos.has(id)) continue;
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      void video.play().catch(() => undefined);
      this._videos.set(id, video);
      const audio = stream.getAudioTracks();
      if (audio.length > 0) {
        const source = this._audio.createMediaStreamSource(new MediaStream(audio));
        source.connect(this._mix);
        this._sources.set(id, source);
      }
    }
  }

  /** The others side by side, one's own picture last; each kept in proportion inside its cell. */
  private _draw(): void {
    const g = this._canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = '#0b0f19';
    g.fillRect(0, 0, WIDTH, HEIGHT);
    const videos = [...this._videos.values()];
    const columns = videos.length <= 1 ? 1 : 2;
    const rows = Math.ceil(videos.length / columns) || 1;
    const cellWidth = WIDTH / columns;
    const cellHeight = HEIGHT / rows;
    videos.forEach((video, index) => {
      if (video.videoWidth === 0) return;
      const scale = Math.min(cellWidth / video.videoWidth, cellHeight / video.videoHeight);
      const w = video.videoWidth * scale;
      const h = video.videoHeight * scale;
      const x = (index % columns) * cellWidth + (cellWidth - w) / 2;
      const y = Math.floor(index / columns) * cellHeight + (cellHeight - h) / 2;
      g.drawImage(video, x, y, w, h);
    });
  }
}
