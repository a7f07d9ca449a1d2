import { request } from '../api';
import type { LocalizedText } from '../leads/types';

// The private channel's HTTP API (docs/CHANNELS.md).

export type ChannelKind = 'weChat' | 'weCom' | 'whatsApp' | 'line' | 'link';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['weChat', 'weCom', 'whatsApp', 'line', 'link'];

/** What a viewer's page shows: the label, and the viewer's own counting link. */
export interface ChannelView {
  enabled: boolean;
  kind: ChannelKind;
  label: LocalizedText;
  link: string | null;
}

/** The channel as staff set it. */
export interface PrivateChannel {
  roomId: string;
  enabled: boolean;
  kind: ChannelKind;
  url: string;
  label: LocalizedText;
  updatedAt: string;
}

export interface ChannelRequest {
  enabled: boolean;
  kind: ChannelKind;
  url: string;
  label: LocalizedText | null;
}

const enc = encodeURIComponent;

export const channelsApi = {
  get: (token: string, roomId: string) => request<ChannelView>('GET', `/api/rooms/${enc(roomId)}/channel`, { token }),
  /** The channel as staff set it; null when it was never set. */
  settings: async (token: string, roomId: string) => (await request<PrivateChannel | undefined>('GET', `/api/rooms/${enc(roomId)}/channel/settings`, { token })) ?? null,
  save: (token: string, roomId: string, body: ChannelRequest) => request<PrivateChannel>('PUT', `/api/rooms/${enc(roomId)}/channel`, { token, body }),
  qrSvgUrl: (roomId: string) => `/api/rooms/${enc(roomId)}/channel/qr.svg`,
  qrPngUrl: (roomId: string) => `/api/rooms/${enc(roomId)}/channel/qr.png`,
};
