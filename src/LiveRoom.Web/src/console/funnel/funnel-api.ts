import { request } from '../../shared/api';
import { downloadProtected } from '../../shared/protected';

// The funnel's HTTP API and shapes (docs/FUNNEL.md).

export type FunnelStepName =
  | 'viewers'
  | 'chatters'
  | 'questioners'
  | 'cardClickers'
  | 'channelVisitors'
  | 'callRequesters'
  | 'callsAccepted'
  | 'callsCompleted'
  | 'leads';

export interface FunnelStep {
  step: FunnelStepName;
  count: number;
  ofPrevious: number | null;
  ofViewers: number | null;
}

export interface FunnelTotals {
  joins: number;
  watchSeconds: number;
  chatMessages: number;
  questions: number;
  upvotes: number;
  cardClicks: number;
  channelVisits: number;
  qrScans: number;
  callRequests: number;
  callsAccepted: number;
  callsCompleted: number;
  leads: number;
}

export interface AgentFigures {
  agentId: string;
  displayName: string;
  calls: number;
  averageWaitSeconds: number;
  averageHandleSeconds: number | null;
  averageRating: number | null;
  ratings: number;
}

export interface FunnelReport {
  roomId: string | null;
  from: string | null;
  to: string | null;
  viewers: number;
  peakViewers: number;
  peakAt: string | null;
  averageWatchSeconds: number;
  totals: FunnelTotals;
  steps: FunnelStep[];
  agents: AgentFigures[];
}

export interface TimelinePoint {
  at: string;
  viewers: number;
  chats: number;
  questions: number;
  joins: number;
}

export interface TimelineMarker {
  at: string;
  kind: string;
  label: string;
}

export interface FunnelTimeline {
  roomId: string;
  points: TimelinePoint[];
  markers: TimelineMarker[];
}

/** A range as the API takes it: dates (yyyy-mm-dd), `to` included; empty for no bound. */
export interface FunnelRange {
  from: string;
  to: string;
}

const enc = encodeURIComponent;

const query = (range: FunnelRange): string => {
  const parts = [range.from ? `from=${enc(range.from)}` : '', range.to ? `to=${enc(range.to)}` : ''].filter((part) => part !== '');
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

const reportPath = (roomId: string | null): string => (roomId ? `/api/rooms/${enc(roomId)}/funnel` : '/api/funnel');

export const funnelApi = {
  report: (token: string, roomId: string | null, range: FunnelRange) => request<FunnelReport>('GET', `${reportPath(roomId)}${query(range)}`, { token }),

  timeline: (token: string, roomId: string, range: FunnelRange) =>
    request<FunnelTimeline>('GET', `/api/rooms/${enc(roomId)}/funnel/timeline${query(range)}`, { token }),

  /** Saves the funnel as a CSV file. */
  downloadCsv: (token: string, roomId: string | null, range: FunnelRange) => {
    const q = query(range);
    return downloadProtected(`${reportPath(roomId)}${q}${q ? '&' : '?'}format=csv`, token, roomId ? `funnel-${roomId}.csv` : 'funnel.csv');
  },
};
