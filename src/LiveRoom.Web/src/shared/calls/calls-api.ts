import { ApiError, request } from '../api';
import type { CallBack, CallFile, CallItems, CallRecord, ViewerContext } from './types';

// The calls' HTTP API (docs/CALLS.md): history, the viewer's context, a call's items, call-backs.

const enc = encodeURIComponent;

export interface CallFilter {
  roomId?: string | null;
  personId?: string | null;
  limit?: number;
}

export interface CallBackRequest {
  name: string;
  phone: string | null;
  email: string | null;
  preferredTime: string | null;
  topic: string | null;
  consent: true;
  /** The page's language: the consent stored with the viewer's lead is the text they read. */
  locale: 'en' | 'zh';
}

export const callsApi = {
  /** Newest first: a room's calls, a person's, or both. */
  listCalls: (token: string, filter: CallFilter) => {
    const query = new URLSearchParams();
    if (filter.roomId) query.set('roomId', filter.roomId);
    if (filter.personId) query.set('personId', filter.personId);
    if (filter.limit) query.set('limit', String(filter.limit));
    return request<CallRecord[]>('GET', `/api/calls?${query.toString()}`, { token });
  },

  getCall: (token: string, callId: string) => request<CallRecord>('GET', `/api/calls/${enc(callId)}`, { token }),

  /** The in-call messages and the files and snapshots of a call. */
  getItems: (token: string, callId: string) => request<CallItems>('GET', `/api/calls/${enc(callId)}/items`, { token }),

  /** What the agent sees beside a queue entry and during a call: the viewer's lines, questions and past calls. */
  viewerContext: (token: string, roomId: string, viewerId: string) =>
    request<ViewerContext>('GET', `/api/rooms/${enc(roomId)}/viewers/${enc(viewerId)}/context`, { token }),

  /** The viewer asks to be called back (sending again updates their open call-back). */
  requestCallBack: (token: string, roomId: string, body: CallBackRequest) =>
    request<CallBack>('POST', `/api/rooms/${enc(roomId)}/callbacks`, { token, body }),

  listCallBacks: (token: string, roomId: string | null, status: 'open' | 'done') => {
    const query = new URLSearchParams({ status });
    if (roomId) query.set('roomId', roomId);
    return request<CallBack[]>('GET', `/api/callbacks?${query.toString()}`, { token });
  },

  markCallBackDone: (token: string, id: string, note: string | null) =>
    request<CallBack>('POST', `/api/callbacks/${enc(id)}/done`, { token, body: note ? { note } : {} }),
};

/** An upload's progress: bytes sent of the whole. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * POSTs a body as it is (not JSON) with its type and the bearer token, and answers the `CallFile` kept.
 * XMLHttpRequest rather than fetch: it reports how much of the body has gone (fetch cannot), so the page
 * shows a share's progress. A refusal becomes an {@link ApiError} with the problem's `detail` and `code`.
 */
function postBody(url: string, body: Blob, contentType: string, token: string, progress?: UploadProgress): Promise<CallFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    if (progress) xhr.upload.addEventListener('progress', (event) => progress(event.loaded, event.lengthComputable ? event.total : body.size));
    xhr.addEventListener('load', () => {
      let parsed: { detail?: unknown; code?: unknown } | CallFile | null = null;
      try {
        parsed = JSON.parse(xhr.responseText) as typeof parsed;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed) {
        resolve(parsed as CallFile);
        return;
      }
      const problem = (parsed ?? {}) as { detail?: unknown; code?: unknown };
      const detail = typeof problem.detail === 'string' && problem.detail.trim() ? problem.detail : null;
      const code = typeof problem.code === 'string' ? problem.code : null;
      reject(new CallUploadError(xhr.status, `${xhr.status} ${xhr.statusText}`, detail, code));
    });
    xhr.addEventListener('error', () => reject(new CallUploadError(0, 'network error', null, null)));
    xhr.addEventListener('abort', () => reject(new CallUploadError(0, 'aborted', null, null)));
    xhr.send(body);
  });
}

/** A refused share: the HTTP status, the server's detail and its stable `code` (`too_long`, `invalid`, `not_participant`…). */
export class CallUploadError extends ApiError {
  constructor(
    status: number,
    message: string,
    detail: string | null,
    code: string | null,
  ) {
    super(status, message, detail, code);
    this.name = 'CallUploadError';
  }
}

/** `POST /api/calls/{callId}/files?name=`: a participant shares a file (the others get `callFile`). */
export const uploadCallFile = (token: string, callId: string, file: Blob, name: string, contentType: string, progress?: UploadProgress) =>
  postBody(`/api/calls/${enc(callId)}/files?name=${enc(name)}`, file, contentType, token, progress);

/** `POST /api/calls/{callId}/snapshots`: an agent keeps a still of the viewer's camera. */
export const uploadSnapshot = (token: string, callId: string, image: Blob, progress?: UploadProgress) =>
  postBody(`/api/calls/${enc(callId)}/snapshots`, image, image.type || 'image/jpeg', token, progress);

export { downloadProtected, fetchProtected } from '../protected';
