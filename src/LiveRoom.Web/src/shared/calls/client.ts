import type { HubPort } from '../hub';
import type {
  AgentStatus,
  AgentView,
  CallInvite,
  CallRecord,
  CallRecordingStatus,
  CallEnded,
  CallFile,
  CallInfo,
  CallMessage,
  CallOffer,
  CallTicket,
  OutgoingSignal,
  QueueEntry,
  QueueOpenChanged,
  QueueStatus,
  SignalMessage,
} from './types';

/** The calls events of the room hub (docs/CALLS.md) and what each carries. */
export interface CallEvents {
  /** Viewer: their place in the queue changed. */
  queue(status: QueueStatus): void;
  /** Agent: every waiting entry of every watched room. */
  callQueue(entries: QueueEntry[]): void;
  /** Agent: a watched room's queue was closed or opened (by anyone on its staff). */
  callQueueOpen(changed: QueueOpenChanged): void;
  /** Agent: a viewer rings. */
  callOffer(offer: CallOffer): void;
  /** Agent: their own status changed. */
  agentStatus(status: AgentStatus): void;
  callStarted(info: CallInfo): void;
  signal(message: SignalMessage): void;
  callEnded(ended: CallEnded): void;
  /** Agent: a colleague asks this agent into their call. */
  callInvite(invite: CallInvite): void;
  /** Someone joined or left a call one is in. */
  callUpdated(info: CallInfo): void;
  /** The call's recording consent changed. */
  recordingState(status: CallRecordingStatus): void;
  /** Another participant wrote in the call (never one's own message). */
  callMessage(message: CallMessage): void;
  /** Another participant shared a file, or an agent kept a snapshot. */
  callFile(file: CallFile): void;
}

/**
 * The calls methods and events of /hubs/room, typed, over a connection the page already has (the
 * viewer's room connection, the console's staff connection). Refusals reject with a `HubRefusal`
 * whose `code` is one of `CallRefusalCode`.
 */
export class CallsClient {
  constructor(private readonly _hub: HubPort) {}

  /** Listens to `event` until the returned function is called. */
  on<K extends keyof CallEvents>(event: K, handler: CallEvents[K]): () => void {
    return this._hub.on(event, handler as (...args: never[]) => void);
  }

  // Viewer

  requestCall(roomId: string, topic: string | null): Promise<CallTicket> {
    return this._hub.invoke<CallTicket>('RequestCall', roomId, topic);
  }

  leaveQueue(roomId: string): Promise<void> {
    return this._hub.invoke<void>('LeaveQueue', roomId);
  }

  rejoinCall(callId: string): Promise<CallInfo> {
    return this._hub.invoke<CallInfo>('RejoinCall', callId);
  }

  // Agent

  setAvailability(available: boolean, capacity: number): Promise<AgentStatus> {
    return this._hub.invoke<AgentStatus>('SetAvailability', available, capacity);
  }

  watchQueue(roomId: string): Promise<QueueEntry[]> {
    return this._hub.invoke<QueueEntry[]>('WatchQueue', roomId);
  }

  unwatchQueue(roomId: string): Promise<void> {
    return this._hub.invoke<void>('UnwatchQueue', roomId);
  }

  /** The given ticket, or the next one (VIP first, then the longest waiting). */
  acceptCall(roomId: string, ticketId: string | null): Promise<CallInfo> {
    return this._hub.invoke<CallInfo>('AcceptCall', roomId, ticketId);
  }

  declineOffer(roomId: string, ticketId: string): Promise<void> {
    return this._hub.invoke<void>('DeclineOffer', roomId, ticketId);
  }

  setVip(roomId: string, ticketId: string, vip: boolean): Promise<QueueEntry> {
    return this._hub.invoke<QueueEntry>('SetVip', roomId, ticketId, vip);
  }

  /** Whether the room's queue takes new viewers. */
  isQueueOpen(roomId: string): Promise<boolean> {
    return this._hub.invoke<boolean>('IsQueueOpen', roomId);
  }

  /** Closes (new viewers are offered a call-back; those waiting are still taken) or opens the queue; resolves to whether it is open. */
  setQueueOpen(roomId: string, open: boolean): Promise<boolean> {
    return this._hub.invoke<boolean>('SetQueueOpen', roomId, open);
  }

  // Both

  sendSignal(callId: string, signal: OutgoingSignal): Promise<void> {
    return this._hub.invoke<void>('SendSignal', callId, signal);
  }

  endCall(callId: string): Promise<void> {
    return this._hub.invoke<void>('EndCall', callId);
  }

  /** The viewer: 1–5 stars, an optional comment. */
  rateCall(callId: string, rating: number, comment: string | null): Promise<CallRecord> {
    return this._hub.invoke<CallRecord>('RateCall', callId, rating, comment);
  }

  /** An agent of the call: the note replaces the previous one. */
  saveCallNote(callId: string, note: string): Promise<CallRecord> {
    return this._hub.invoke<CallRecord>('SaveCallNote', callId, note);
  }

  // Three-party calls

  listAgents(): Promise<AgentView[]> {
    return this._hub.invoke<AgentView[]>('ListAgents');
  }

  inviteToCall(callId: string, agentId: string): Promise<void> {
    return this._hub.invoke<void>('InviteToCall', callId, agentId);
  }

  joinCall(callId: string): Promise<CallInfo> {
    return this._hub.invoke<CallInfo>('JoinCall', callId);
  }

  // Recording with consent

  requestRecording(callId: string): Promise<CallRecordingStatus> {
    return this._hub.invoke<CallRecordingStatus>('RequestRecording', callId);
  }

  /** `text`: the consent text exactly as the participant was shown it. */
  answerRecording(callId: string, agree: boolean, text: string): Promise<CallRecordingStatus> {
    return this._hub.invoke<CallRecordingStatus>('AnswerRecording', callId, agree, text);
  }

  stopRecording(callId: string): Promise<CallRecordingStatus> {
    return this._hub.invoke<CallRecordingStatus>('StopRecording', callId);
  }

  // Messages in the call (files and snapshots go over HTTP: calls-api.ts)

  /** Plain text, ≤ 1,000 characters; the answer is the message as kept (the others get `callMessage`). */
  sendCallMessage(callId: string, text: string): Promise<CallMessage> {
    return this._hub.invoke<CallMessage>('SendCallMessage', callId, text);
  }
}
