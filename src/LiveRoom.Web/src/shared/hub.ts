import {
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type IRetryPolicy,
  type RetryContext,
} from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { t } from './i18n';
import type { ChatMessage, ModerationSettings, Participant, Question, RefusalNotice, RoomSnapshot, RoomStatus } from './types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface RoomEvents {
  /** After every successful JoinRoom, including the one after a reconnect. */
  snapshot(snapshot: RoomSnapshot): void;
  chat(messages: ChatMessage[]): void;
  questions(questions: Question[]): void;
  chatDeleted(ids: string[]): void;
  viewers(count: number): void;
  roomStatus(status: RoomStatus): void;
  state(state: ConnectionState): void;
  /** JoinRoom was refused; `message` is the server's reason. */
  joinFailed(message: string): void;
  /** The token was refused (expired or revoked): the page needs a new identity. */
  unauthorized(): void;
}

/** `?protocol=msgpack` in the page address selects MessagePack; JSON otherwise. */
export function wantsMessagePack(search: string = location.search): boolean {
  return new URLSearchParams(search).get('protocol')?.toLowerCase() === 'msgpack';
}

const HUB_EXCEPTION = 'HubException: ';

/** A hub call the server refused: `code` is the stable name (`too_fast`, `new_here`, …), `message` the reason to show. */
export class HubRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly method: string,
  ) {
    super(message);
    this.name = 'HubRefusal';
  }
}

/** The stable code of a refused hub call, if the error is one. */
export function hubErrorCode(error: unknown): string | undefined {
  return error instanceof HubRefusal ? error.code : undefined;
}

/**
 * The text to show for a failed hub call. The server's refusals arrive as
 * "An unexpected error occurred invoking 'X' on the server. HubException: <reason>"; the reason is
 * written for users. Anything else becomes a generic sentence in the page's language.
 */
export function hubErrorMessage(error: unknown): string {
  if (error instanceof HubRefusal) return error.message;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const index = message.indexOf(HUB_EXCEPTION);
  if (index >= 0) {
    const reason = message.slice(index + HUB_EXCEPTION.length).trim();
    if (reason) return reason;
  }
  if (/not in the 'Connected' State|connection being closed|connection was stopped/i.test(message)) {
    return t('error.notConnected');
  }
  return t('error.generic');
}

export function isUnauthorized(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error ?? '');
  return /\b401\b|Unauthorized/i.test(message);
}

/** Retries for ever, backing off to 30 s, but gives up on a refused token so the page can react. */
export class ForeverRetryPolicy implements IRetryPolicy {
  private static readonly _delays = [0, 1000, 2000, 5000, 10000, 20000];

  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    if (isUnauthorized(context.retryReason)) return null;
    return ForeverRetryPolicy._delays[context.previousRetryCount] ?? 30000;
  }
}

/** What the calls client needs of a hub connection: invoke a method (refusals as {@link HubRefusal}) and hear an event. */
export interface HubPort {
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Calls `handler` for every `event` until the returned function is called. */
  on(event: string, handler: (...args: never[]) => void): () => void;
}

/** Keeps the last refusal notices of a connection, so a failed invoke can say its code. */
export class RefusalLog {
  private readonly _notices: RefusalNotice[] = [];

  add(notice: RefusalNotice): void {
    this._notices.push(notice);
    if (this._notices.length > 20) this._notices.shift();
  }

  /** The refusal the server sent for `method`'s failed call, or the error itself. */
  explain(method: string, error: unknown): unknown {
    const index = this._notices.findIndex((notice) => notice.method === method);
    const [notice] = index < 0 ? [] : this._notices.splice(index, 1);
    return notice ? new HubRefusal(notice.code, notice.message, method) : error;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/** What a {@link ResilientConnection} tells the page that owns it. */
export interface ConnectionHooks<T> {
  state(state: ConnectionState): void;
  /** The token was refused (expired or revoked): the page needs a new identity. */
  unauthorized(): void;
  /**
   * Runs on every new connection, the first and each after a reconnect, before it counts as connected
   * (a room page joins its room here). It rejects only when the link went down meanwhile: the
   * connection then tries again. Without it, a connection is connected as soon as it is up.
   */
  prepare?(): Promise<T>;
  /**
   * Connected, first or again, with what `prepare` gave: what the server forgot with the old connection
   * is set up again here.
   */
  ready(value: T): void;
}

/**
 * A page's connection to /hubs/room that stays up: it connects (retrying with back-off until it works or
 * the token is refused), reconnects for ever after a drop, and after every (re)connection runs the
 * page's `prepare` and says `ready`. Refused calls reject with a {@link HubRefusal}.
 */
export class ResilientConnection<T = void> implements HubPort {
  private readonly _connection: HubConnection;
  private readonly _refusals = new RefusalLog();
  private _stopped = false;
  private _state: ConnectionState = 'disconnected';

  constructor(
    accessTokenFactory: () => string,
    private readonly _hooks: ConnectionHooks<T>,
    messagePack: boolean = wantsMessagePack(),
  ) {
    const builder = new HubConnectionBuilder()
      .withUrl('/hubs/room', { accessTokenFactory })
      .withAutomaticReconnect(new ForeverRetryPolicy())
      .configureLogging(LogLevel.Warning);
    if (messagePack) builder.withHubProtocol(new MessagePackHubProtocol());
    this._connection = builder.build();

    const c = this._connection;
    // The server sends a refused call's code just before the call's error, on the same connection.
    c.on('refused', (notice: RefusalNotice) => this._refusals.add(notice));
    c.onreconnecting(() => this._setState('reconnecting'));
    c.onreconnected(() => void this._ready().catch(() => undefined));
    c.onclose((error) => {
      if (this._stopped) return;
      if (isUnauthorized(error)) {
        this._setState('disconnected');
        this._hooks.unauthorized();
        return;
      }
      void this.start();
    });
  }

  get state(): ConnectionState {
    return this._state;
  }

  /** Whether the link itself is up (whatever `prepare` made of it). */
  get linked(): boolean {
    return this._connection.state === HubConnectionState.Connected;
  }

  /** Connects (retrying with back-off until it works or the token is refused), then prepares. */
  async start(): Promise<void> {
    this._stopped = false;
    for (let attempt = 0; !this._stopped; attempt++) {
      this._setState(attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        await this._connection.start();
        await this._ready();
        return;
      } catch (error) {
        if (isUnauthorized(error)) {
          this._setState('disconnected');
          this._hooks.unauthorized();
          return;
        }
        // Connected but `prepare` failed because the link dropped: automatic reconnect takes over.
        if (this._stopped || this._connection.state !== HubConnectionState.Disconnected) return;
        this._setState('disconnected');
        await wait([1000, 2000, 5000, 10000][attempt] ?? 15000);
      }
    }
  }

  async stop(): Promise<void> {
    this._stopped = true;
    await this._connection.stop();
    this._setState('disconnected');
  }

  /** Invokes a hub method; a refusal rejects with a {@link HubRefusal} carrying its code. */
  async invoke<R>(method: string, ...args: unknown[]): Promise<R> {
    try {
      return await this._connection.invoke<R>(method, ...args);
    } catch (error) {
      throw this._refusals.explain(method, error);
    }
  }

  on(event: string, handler: (...args: never[]) => void): () => void {
    const listener = handler as (...args: unknown[]) => void;
    this._connection.on(event, listener);
    return () => this._connection.off(event, listener);
  }

  private async _ready(): Promise<void> {
    // Without `prepare`, T is void: there is nothing to hand on.
    const value = this._hooks.prepare ? await this._hooks.prepare() : (undefined as T);
    this._setState('connected');
    this._hooks.ready(value);
  }

  private _setState(state: ConnectionState): void {
    if (this._state === state) return;
    this._state = state;
    this._hooks.state(state);
  }
}

/** What JoinRoom came to: the room's snapshot, or the server's reason for refusing. */
type Joined = { kind: 'joined'; snapshot: RoomSnapshot } | { kind: 'refused'; message: string };

/** One page's connection to /hubs/room, joined to one room, rejoining after every reconnect. */
export class RoomConnection implements HubPort {
  private readonly _link: ResilientConnection<Joined>;

  constructor(
    private readonly _roomId: string,
    accessTokenFactory: () => string,
    events: RoomEvents,
    messagePack: boolean = wantsMessagePack(),
  ) {
    this._link = new ResilientConnection<Joined>(
      accessTokenFactory,
      {
        state: (state) => events.state(state),
        unauthorized: () => events.unauthorized(),
        prepare: () => this._join(),
        ready: (joined) => (joined.kind === 'joined' ? events.snapshot(joined.snapshot) : events.joinFailed(joined.message)),
      },
      messagePack,
    );
    const link = this._link;
    link.on('chat', (messages: ChatMessage[]) => events.chat(messages));
    link.on('questions', (questions: Question[]) => events.questions(questions));
    link.on('chatDeleted', (ids: string[]) => events.chatDeleted(ids));
    link.on('viewers', (count: number) => events.viewers(count));
    link.on('roomStatus', (status: RoomStatus) => events.roomStatus(status));
  }

  get state(): ConnectionState {
    return this._link.state;
  }

  /** Connects (retrying with back-off until it works or the token is refused), then joins the room. */
  start(): Promise<void> {
    return this._link.start();
  }

  stop(): Promise<void> {
    return this._link.stop();
  }

  private async _join(): Promise<Joined> {
    try {
      return { kind: 'joined', snapshot: await this._link.invoke<RoomSnapshot>('JoinRoom', this._roomId) };
    } catch (error) {
      if (!this._link.linked) throw error;
      return { kind: 'refused', message: hubErrorMessage(error) };
    }
  }

  private _invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this._link.invoke<T>(method, ...args);
  }

  /** Invokes any hub method (the calls client, shared/calls, uses this); a refusal rejects with a {@link HubRefusal}. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this._link.invoke<T>(method, ...args);
  }

  on(event: string, handler: (...args: never[]) => void): () => void {
    return this._link.on(event, handler);
  }

  sendChat(text: string): Promise<ChatMessage> {
    return this._invoke<ChatMessage>('SendChat', this._roomId, text);
  }

  askQuestion(text: string): Promise<Question> {
    return this._invoke<Question>('AskQuestion', this._roomId, text);
  }

  upvoteQuestion(questionId: string): Promise<Question> {
    return this._invoke<Question>('UpvoteQuestion', this._roomId, questionId);
  }

  answerQuestion(questionId: string, answer: string): Promise<Question> {
    return this._invoke<Question>('AnswerQuestion', this._roomId, questionId, answer);
  }

  pinQuestion(questionId: string, pinned: boolean): Promise<Question> {
    return this._invoke<Question>('PinQuestion', this._roomId, questionId, pinned);
  }

  dismissQuestion(questionId: string): Promise<Question> {
    return this._invoke<Question>('DismissQuestion', this._roomId, questionId);
  }

  deleteMessage(messageId: string): Promise<void> {
    return this._invoke<void>('DeleteMessage', this._roomId, messageId);
  }

  muteViewer(viewerId: string, muted: boolean): Promise<Participant> {
    return this._invoke<Participant>('MuteViewer', this._roomId, viewerId, muted);
  }

  getModeration(): Promise<ModerationSettings> {
    return this._invoke<ModerationSettings>('GetModeration', this._roomId);
  }

  /** How long (seconds, 0 = off) a new viewer identity waits before its first message in this room. */
  setNewViewerDelay(seconds: number): Promise<ModerationSettings> {
    return this._invoke<ModerationSettings>('SetNewViewerDelay', this._roomId, seconds);
  }

  /** Bans the viewer and the network address they came from, in this room (or lifts the ban). */
  banViewer(viewerId: string, banned: boolean): Promise<Participant> {
    return this._invoke<Participant>('BanViewer', this._roomId, viewerId, banned);
  }
}
