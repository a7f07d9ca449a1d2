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

/** Event `callQueueOpen`: staff closed or opened the call queue of a room the agent serves. */
export interface QueueOpenChanged {
  roomId: string;
  open: boolean;
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
  /** `relay` when the server wants every call through its TURN relay. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * True when the call is sent again to a new connection of someone still in it (a reloaded page): the page
   * takes it up afresh, offering to everyone in the call like a newcomer.
   */
  resumed?: boolean;
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

/** `left`: this agent hung up and the call goes on without them. */
export type CallEndReason = 'hangup' | 'lost' | 'room_ended' | 'declined' | 'left';

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
  | 'queue_closed'
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
  | 'not_found'
  | 'call_full'
  | 'already_done';

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

/** `ListAgents`: a colleague one could invite, with their status. */
export interface AgentView {
  agentId: string;
  displayName: string;
  status: AgentStatus;
}

/** Event `callInvite`: an agent of a call asks this agent in. */
export interface CallInvite {
  callId: string;
  roomId: string;
  from: CallParticipant;
  participants: CallParticipant[];
}

export type RecordingState = 'off' | 'requested' | 'recording' | 'stopped';

export interface RecordingConsent {
  participantId: string;
  agreed: boolean;
  at: string | Date;
  text: string;
}

/** Event `recordingState` and the answer of the recording methods. */
export interface CallRecordingStatus {
  callId: string;
  state: RecordingState;
  requestedBy: string | null;
  consents: RecordingConsent[];
  /** Participants whose answer is still needed. */
  pending: string[];
  since: string | Date | null;
  /** Counts the starts; the upload of each start is a take of its own. */
  take: number;
}

/** A call's recording once the call is over (`CallRecord.recording`). */
export interface CallRecordingInfo {
  status: 'processing' | 'ready' | 'failed';
  progress: number;
  url: string | null;
  durationSeconds: number | null;
  missingChunks: { take: number; seq: number }[];
}

/** A call in the history (`GET /api/calls`, `RateCall`, `SaveCallNote`). */
export interface CallRecord {
  callId: string;
  roomId: string;
  ticketId: string | null;
  topic: string | null;
  participants: CallParticipant[];
  requestedAt: string | Date | null;
  startedAt: string | Date;
  endedAt: string | Date | null;
  outcome: string | null;
  waitSeconds: number | null;
  durationSeconds: number | null;
  rating: number | null;
  ratingComment: string | null;
  note: string | null;
  recording?: CallRecordingInfo | null;
}

/** A chat line of the viewer as the context panel shows it. */
export interface ContextChatLine {
  id?: string;
  text: string;
  sentAt?: string | Date;
  createdAt?: string | Date;
}

/** A question of the viewer as the context panel shows it. */
export interface ContextQuestion {
  id?: string;
  text: string;
  status?: string;
  votes?: number;
  createdAt?: string | Date;
}

/** `GET /api/rooms/{roomId}/viewers/{viewerId}/context`. */
export interface ViewerContext {
  viewerId: string;
  roomId: string;
  displayName: string;
  chat: ContextChatLine[];
  questions: ContextQuestion[];
  calls: CallRecord[];
}

/** An in-call message (`SendCallMessage`, event `callMessage`). */
export interface CallMessage {
  id: string;
  callId: string;
  from: CallParticipant;
  text: string;
  sentAt: string | Date;
}

/** A file or snapshot of a call. */
export interface CallFile {
  id: string;
  callId: string;
  kind: 'file' | 'snapshot';
  name: string;
  contentType: string;
  size: number;
  uploadedBy: CallParticipant;
  uploadedAt: string | Date;
  url: string;
}

/** `GET /api/calls/{callId}/items`. */
export interface CallItems {
  messages: CallMessage[];
  files: CallFile[];
}

/** A viewer's request to be called back (`POST /api/rooms/{roomId}/callbacks`). */
export interface CallBack {
  id: string;
  roomId: string;
  viewerId: string;
  name: string;
  phone: string | null;
  email: string | null;
  preferredTime: string | null;
  topic: string | null;
  status: 'open' | 'done';
  createdAt: string | Date;
  doneAt: string | Date | null;
  doneBy: string | null;
  note: string | null;
}

/** The most stars a call may get. */
export const MAX_RATING = 5;
/** The longest rating comment and agent note (characters). */
export const MAX_RATING_COMMENT = 1000;
export const MAX_CALL_NOTE = 4000;

/** The longest in-call message (characters, after trimming). */
export const MAX_CALL_MESSAGE = 1000;
/** The largest file a participant shares in a call, and the largest snapshot an agent keeps. */
export const MAX_CALL_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;
/** What a call's files may be, by type, and the file-name endings that stand for each type. */
export const CALL_FILE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'log'],
};

/**
 * The allowed type of a file as the browser describes it: its own type when that is one of
 * {@link CALL_FILE_TYPES}, else (no type given, as for some text files) the type its name ends with.
 */
export function callFileType(file: { name: string; type: string }): string | null {
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (type in CALL_FILE_TYPES) return type;
  if (type !== '') return null;
  const ending = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
  return Object.entries(CALL_FILE_TYPES).find(([, endings]) => endings.includes(ending))?.[0] ?? null;
}
