import { t } from './i18n';
import type { ChatMessage, CreatedRoom, Ingest, LoginResult, RoomInfo, StaffRoom, StaffUser, ViewerIdentity } from './types';

/** An HTTP API failure. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The problem-details `detail`, which the server guarantees is safe to show. */
    readonly detail: string | null = null,
    /** The refusal's stable code (`invalid`, `form_changed`, ...), when the server gave one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Text to show a user: the server's detail when it gave one, else a generic sentence. */
  get userMessage(): string {
    if (this.status === 0) return t('error.network');
    return this.detail ?? t('error.generic');
  }
}

export interface RequestOptions {
  body?: unknown;
  token?: string | null;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let detail: string | null = null;
  let code: string | null = null;
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown; code?: unknown };
    if (typeof problem.detail === 'string' && problem.detail.trim()) detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
  } catch {
    // Not JSON: no detail to show.
  }
  return new ApiError(response.status, `${response.status} ${response.statusText}`, detail, code);
}

/** Runs a call with the signed-in staff member's token (the console signs out when it has lapsed). */
export type Authed = <T>(call: (token: string) => Promise<T>) => Promise<T>;

const roomPath = (roomId: string): string => `/api/rooms/${encodeURIComponent(roomId)}`;

export const api = {
  getRoom: (roomId: string) => request<RoomInfo>('GET', roomPath(roomId)),

  /** A page of the room's chat history after message `after` ('0' for the start), oldest first. */
  getChat: (roomId: string, after: string, limit: number) =>
    request<ChatMessage[]>('GET', `${roomPath(roomId)}/chat?after=${encodeURIComponent(after)}&limit=${limit}`),

  createViewer: (roomId: string, displayName: string) =>
    request<ViewerIdentity>('POST', `${roomPath(roomId)}/viewers`, { body: { displayName } }),

  login: (email: string, password: string) => request<LoginResult>('POST', '/api/auth/login', { body: { email, password } }),

  me: (token: string) => request<StaffUser>('GET', '/api/auth/me', { token }),

  /** Ends every session of the signed-in account (all devices, the jobs page's cookie too). */
  logout: (token: string) => request<void>('POST', '/api/auth/logout', { token }),

  listRooms: (token: string) => request<StaffRoom[]>('GET', '/api/rooms', { token }),

  createRoom: (token: string, title: string, description: string | null) =>
    request<CreatedRoom>('POST', '/api/rooms', { token, body: { title, description } }),

  getIngest: (token: string, roomId: string) => request<Ingest>('GET', `${roomPath(roomId)}/ingest`, { token }),

  endRoom: (token: string, roomId: string) => request<RoomInfo>('POST', `${roomPath(roomId)}/end`, { token }),

  /** A new stream key; with <code>disconnect</code> the current publisher is cut off too (the room is interrupted). */
  rotateStreamKey: (token: string, roomId: string, disconnect = false) =>
    request<Ingest>('POST', `${roomPath(roomId)}/stream-key`, disconnect ? { token, body: { disconnect: true } } : { token }),
};
