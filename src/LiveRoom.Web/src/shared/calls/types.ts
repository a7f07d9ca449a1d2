// Wire shapes of private calls, from docs/CALLS.md. JSON and MessagePack carry the same camelCase shape;
// times arrive as ISO strings in JSON and may arrive as dates in MessagePack (see `timeOf`).

/** A waiting range, in seconds. */
export interface WaitRange {
  minSeconds: number;
  maxSeconds: number;
}

/** Where a viewer's ticket stands while it is in the queue. */
export type TicketState = 'waiting' | 'offered' | 'away';

/** `RequestCall`'s answer: the viewer's place in the room's call queue. */
export interface CallTicket {
  ticketId: string;
  roomId: string;
  /** 1 for the next one to be taken. */
  position: number;
  /** The middle of `estimatedWait`; null when nobody serves the room's queue. */
  estimatedWaitSeconds: number | null;
  estimatedWait: WaitRange | null;
  state: TicketState;
}

/** Why a ticket is over (`QueueStatus.reason` with state `gone`). */
export type TicketGoneReason = 'left' | 'expired' | 'room_ended' | (string & {});

/** Event `queue`: the viewer's position, estimate or state changed. */
export interface QueueStatus {
  roomId: string;
  ticketId: string;
  position: number;
  estimatedWaitSeconds: number | null;
  estimatedWait: WaitRange | null;
  /** `accepted`: an agent took it (`callStarted` follows); `gone`: over without a call (`reason` says why). */
  state: TicketState | 'accepted' | 'gone';
  reason?: TicketGoneReason | null;
}

/** One waiting viewer as an agent sees it (event `callQueue`, `WatchQueue`, `SetVip`). */
export interface QueueEntry {
  ticketId: string;
  roomId: string;
  viewerId: string;
  displayName: string;
  topic: string | null;
  vip: boolean;
  waitingSince: string | Date;
  position: number;
  state: TicketState;
  /** The agent the entry rings now, when it rings one. */
  offeredTo: string | null;
}

/** Event `callOffer`: the next viewer rings this agent until `expiresAt`. */
export interface CallOffer {
  roomId: string;
  ticketId: string;
  displayName: string;
  topic: string | null;
  vip: boolean;
  expiresAt: string | Date;
}

/** `SetAvailability`'s answer and event `agentStatus`. */
export interface AgentStatus {
  agentId: string;
  available: boolean;
  capacity: number;
  activeCalls: number;
}

export type CallRole = 'viewer' | 'agent';

export interface CallParticipant {
  id: string;
  displayName: string;
  role: CallRole;
}

/** An RTCIceServer as the server sends it (absent or null username/credential for STUN). */
export interface CallIceServer {
  urls: string | string[];
  username?: string | null;
  credential?: string | null;
}

/** Event `callStarted`, `AcceptCall`'s and `RejoinCall`'s answer. */
export interface CallInfo {
  callId: string;
  roomId: string;
  participants: CallParticipant[];
  iceServers: CallIceServer[];
  startedAt: string | Date;
  /** The participant who makes the first offer (the agent). */
  initiator: string;
}

export type SignalType = 'offer' | 'answer' | 'candidate' | 'media';

/** What `SendSignal` takes. `payload`: SDP text, the JSON of an RTCIceCandidateInit, or the JSON of a {@link MediaState}. */
export interface OutgoingSignal {
  type: SignalType;
  payload: string;
  /** One participant's id; every other participant when absent. */
  to?: string;
}

/** Event `signal`. */
export interface SignalMessage {
  callId: string;
  from: string;
  type: SignalType;
  payload: string;
}

/** What a participant sends now (a `media` signal's payload). */
export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export type CallEndReason = 'hangup' | 'lost' | 'room_ended' | 'declined';

/** Event `callEnded`. */
export interface CallEnded {
  callId: string;
  reason: CallEndReason;
}

/** The refusal codes of the calls methods (docs/CALLS.md, "Refusal codes"). */
export type CallRefusalCode =
  | 'not_allowed'
  | 'not_joined'
  | 'room_ended'
  | 'no_agents'
  | 'queue_full'
  | 'not_available'
  | 'at_capacity'
  | 'queue_empty'
  | 'ticket_gone'
  | 'not_participant'
  | 'call_ended'
  | 'too_long'
  | 'too_many_candidates'
  | 'too_fast'
  | 'invalid'
  | 'not_found';

/** The longest topic a viewer may give (characters). */
export const MAX_TOPIC_LENGTH = 200;

/** Capacity an agent may choose: calls at once. */
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 5;

/** Milliseconds since the epoch of a wire time (ISO text in JSON, a Date in MessagePack); NaN when unreadable. */
export function timeOf(value: string | Date | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}
