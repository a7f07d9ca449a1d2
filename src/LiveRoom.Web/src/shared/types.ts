// Wire shapes from docs/PROTOCOL.md. JSON and MessagePack carry the same camelCase shape.

import type { ProductCard } from './products/types';

export type RoomStatus = 'scheduled' | 'live' | 'interrupted' | 'ended';
export type Role = 'viewer' | 'host' | 'agent' | 'admin' | 'marketer';
export type QuestionStatus = 'open' | 'answered' | 'dismissed';

export interface Playback {
  hls: string;
  flv: string;
}

/** One publishing session's part of a recording: the parts lie end to end, the time between them is not in the video. */
export interface RecordingSegment {
  /** When the session went live (the clock chat's `sentAt` is on). */
  startedAt: string;
  /** Where it begins in the recording, in seconds. */
  offsetSeconds: number;
  durationSeconds: number;
}

/** A finished recording of a room (docs/PROTOCOL.md, "Recording"). */
export interface RecordingInfo {
  url: string;
  posterUrl: string | null;
  durationSeconds: number;
  /** Its publishing sessions, in order; absent or null for recordings made before segments were kept. */
  segments?: RecordingSegment[] | null;
}

export interface RoomInfo {
  id: string;
  title: string;
  description: string | null;
  status: RoomStatus;
  viewerCount: number;
  playback: Playback;
  scheduledStart: string | null;
  createdAt: string;
  endedAt: string | null;
  /** Set once an ended room's recording is stored; absent or null until then. */
  recording?: RecordingInfo | null;
  /** 0–1 while the recording is being made; absent or null otherwise. */
  recordingProgress?: number | null;
  /** When the room first went live; null if it never did. */
  liveSince?: string | null;
}

/** A room as the staff list returns it. */
export interface StaffRoom extends RoomInfo {
  viewerUrl: string;
}

export interface Ingest {
  rtmpUrl: string;
  streamKey: string;
  publishUrl: string;
  /** The keyframe interval to set in OBS (seconds). */
  keyframeSeconds?: number;
}

/** What `POST /api/rooms` returns. */
export interface CreatedRoom extends StaffRoom {
  ingest: Ingest;
}

export interface Sender {
  id: string;
  displayName: string;
  role: Role;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  sender: Sender;
  text: string;
  sentAt: string;
}

export interface Question {
  id: string;
  roomId: string;
  askedBy: { id: string; displayName: string };
  text: string;
  votes: number;
  status: QuestionStatus;
  pinned: boolean;
  answer: string | null;
  askedAt: string;
  answeredBy: Sender | null;
}

/** A room's moderation settings (staff): the "new here" wait and how many networks are banned. */
export interface ModerationSettings {
  newViewerDelaySeconds: number;
  bannedAddresses: number;
}

export interface Participant {
  id: string;
  displayName: string;
  role: Role;
  muted: boolean;
  /** Banned from the room with their network address (present from servers that know bans). */
  banned?: boolean;
}

/** The room's text limits, as the server is configured (docs/PROTOCOL.md, "Limits"). */
export interface ChatLimits {
  maxMessageLength: number;
  maxQuestionLength: number;
  /** Absent from older servers. */
  maxAnswerLength?: number;
}

export interface RoomSnapshot {
  room: RoomInfo;
  viewerCount: number;
  recentChat: ChatMessage[];
  questions: Question[];
  me: Participant | null;
  /** Absent from older servers: the defaults below apply. */
  limits?: ChatLimits | null;
  /** The product cards shown so far, oldest first (docs/PRODUCTS.md); absent from older servers. */
  shelf?: ProductCard[] | null;
}

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface LoginResult {
  tokenType: string;
  accessToken: string;
  expiresIn: number;
  user: StaffUser;
}

export interface ViewerIdentity {
  viewerId: string;
  displayName: string;
  accessToken: string;
  expiresIn?: number;
}

export const isStaffRole = (role: Role): boolean => role !== 'viewer';

/** Staff who may moderate in the hub (answer, pin, dismiss, delete, mute). */
export const canModerate = (role: Role): boolean => role === 'admin' || role === 'host' || role === 'agent';
/** Works with a room's audience: leads and conversion figures (the server's marketing policy). */
export const canMarket = (role: Role): boolean => role === 'admin' || role === 'host' || role === 'marketer';

/** Staff who may create and end rooms and read or rotate stream keys. */
export const canManageRooms = (role: Role): boolean => role === 'admin' || role === 'host';

/** Chat limits the server applies by default (docs/PROTOCOL.md, "Limits"); a snapshot's `limits` say what it really applies. */
export const MAX_CHAT_LENGTH = 500;
export const MAX_QUESTION_LENGTH = 300;
export const MAX_ANSWER_LENGTH = 2000;

/** Hub event `refused`: the code of the caller's refused call, sent just before the call's error. */
export interface RefusalNotice {
  method: string;
  code: string;
  message: string;
}
