import { api } from '../shared/api';
import { ChatList } from '../shared/room/chat';
import { el } from '../shared/dom';
import { bind } from '../shared/i18n';
import type { ChatMessage, RecordingSegment } from '../shared/types';

const PAGE_SIZE = 500;
/** A safety stop: 400 pages are 200,000 messages. */
const MAX_PAGES = 400;
const RETRY_MS = 5000;
/** As many as the chat list keeps rendered. */
const MAX_SHOWN = 300;

/** A chat message with its place in the recording, in seconds. */
export interface TimedMessage {
  offset: number;
  message: ChatMessage;
}

/** A recording segment with its start in milliseconds since the epoch. */
interface Span {
  start: number;
  offset: number;
  duration: number;
}

/** The segments that can be placed (a parsable start), in the order they went live. */
function spansOf(segments: readonly RecordingSegment[] | null | undefined): Span[] {
  return (segments ?? [])
    .map((segment) => ({ start: Date.parse(segment.startedAt), offset: segment.offsetSeconds, duration: segment.durationSeconds }))
    .filter((span) => !Number.isNaN(span.start))
    .sort((a, b) => a.start - b.start);
}

/**
 * Where a moment of the live (`moment`, ms since the epoch) is in the recording, in seconds. The last
 * segment that started at or before it places it: `offset + min(moment − start, duration)`, so a moment
 * while the host was away (between segments) falls at the end of the segment before, and one before the
 * first segment at 0. Without segments (older recordings): `moment − liveSince`, never below 0.
 */
function offsetIn(spans: readonly Span[], liveSince: number, moment: number): number {
  if (spans.length === 0) return Math.max(0, (moment - liveSince) / 1000);
  let last: Span | undefined;
  for (const span of spans) {
    if (span.start > moment) break;
    last = span;
  }
  if (!last) return 0;
  return last.offset + Math.min(Math.max(0, (moment - last.start) / 1000), last.duration);
}

/** Where moments of the live (ms since the epoch) are in the recording, in seconds (see `offsetIn`): product cards use it too. */
export function recordingOffsets(liveSince: string, segments?: readonly RecordingSegment[] | null): (moment: number) => number {
  const start = Date.parse(liveSince);
  const spans = spansOf(segments);
  return (moment) => offsetIn(spans, start, moment);
}

/**
 * Places messages on the recording's timeline by their `sentAt` (see `offsetIn`: through the recording's
 * segments when it has them, else `sentAt − liveSince`), ordered by that offset (then by the room's own order).
 */
export function timeline(messages: readonly ChatMessage[], liveSince: string, segments?: readonly RecordingSegment[] | null): TimedMessage[] {
  const start = Date.parse(liveSince);
  const spans = spansOf(segments);
  return messages
    .map((message, index) => ({ index, offset: offsetIn(spans, start, Date.parse(message.sentAt)), message }))
    .filter((entry) => !Number.isNaN(entry.offset))
    .sort((a, b) => a.offset - b.offset || a.index - b.index)
    .map(({ offset, message }) => ({ offset, message }));
}

/** How many of `timed` (ordered by offset) are due at `seconds`: a binary search. */
export function dueCount(timed: readonly TimedMessage[], seconds: number): number {
  let low = 0;
  let high = timed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timed[middle]?.offset ?? Infinity) <= seconds) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every chat message of a room, page by page (`GET /api/rooms/{id}/chat`) until an empty page. */
export async function loadChatHistory(roomId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let after = '0';
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await api.getChat(roomId, after, PAGE_SIZE);
    const last = batch[batch.length - 1];
    if (!last) break;
    all.push(...batch);
    after = last.id;
  }
  return all;
}

/** The live's chat history, read once over HTTP (a failed read is retried: `notLoaded` again until then). */
type History = { kind: 'notLoaded' } | { kind: 'loading' } | { kind: 'loaded'; timed: TimedMessage[] };

/**
 * The chat of a replay: the live's messages appear as the playhead reaches them. Seeking backwards
 * renders again from the start. Text goes through the chat list, which only ever sets textContent.
 */
export class ReplayChat {
  readonly element: HTMLElement;
  private readonly _list = new ChatList(undefined, 'replay.chatEmpty');
  private readonly _status = el('p', { className: 'replay-chat-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  private _history: History = { kind: 'notLoaded' };
  private _shown = 0;
  private _time = 0;
  private _retry: number | undefined;

  constructor(private readonly _roomId: string) {
    this._status.hidden = true;
    this.element = el('div', { className: 'replay-chat' }, this._status, this._list.element);
  }

  setMe(id: string | null): void {
    this._list.setMe(id);
  }

  /** Loads the history once (retrying on failure), then shows what is due at the current time. */
  load(liveSince: string, segments?: readonly RecordingSegment[] | null): void {
    if (this._history.kind !== 'notLoaded') return;
    this._history = { kind: 'loading' };
    bind(this._status, 'replay.chatLoading');
    this._status.hidden = false;
    loadChatHistory(this._roomId)
      .then((messages) => {
        this._history = { kind: 'loaded', timed: timeline(messages, liveSince, segments) };
        this._status.hidden = true;
        this._render(this._time);
      })
      .catch(() => {
        this._history = { kind: 'notLoaded' };
        bind(this._status, 'replay.chatFailed');
        this._retry = window.setTimeout(() => this.load(liveSince, segments), RETRY_MS);
      });
  }

  /** The playhead is at `seconds`: add what became due, or start over after a backwards seek. */
  seek(seconds: number): void {
    const backwards = seconds < this._time;
    this._time = seconds;
    if (this._history.kind !== 'loaded') return;
    if (backwards) {
      this._render(seconds);
      return;
    }
    const timed = this._history.timed;
    const due = dueCount(timed, seconds);
    if (due <= this._shown) return;
    const from = Math.max(this._shown, due - MAX_SHOWN);
    this._list.add(timed.slice(from, due).map((entry) => entry.message));
    this._shown = due;
  }

  /** A moderator deleted messages: they leave the replay too. */
  remove(ids: readonly string[]): void {
    if (this._history.kind !== 'loaded') return;
    const gone = new Set(ids);
    const before = this._history.timed;
    const after = before.filter((entry) => !gone.has(entry.message.id));
    this._history = { kind: 'loaded', timed: after };
    if (after.length !== before.length) this._render(this._time);
  }

  dispose(): void {
    window.clearTimeout(this._retry);
  }

  private _render(seconds: number): void {
    const timed = this._history.kind === 'loaded' ? this._history.timed : [];
    const due = dueCount(timed, seconds);
    this._list.reset(timed.slice(Math.max(0, due - MAX_SHOWN), due).map((entry) => entry.message));
    this._shown = due;
  }
}
