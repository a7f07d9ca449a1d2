import { request } from '../api';
import type { CallBack, CallItems, CallRecord, ViewerContext } from './types';

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
