import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { ForeverRetryPolicy, isUnauthorized, RefusalLog, wantsMessagePack, type ConnectionState, type HubPort } from '../../shared/hub';
import type { RefusalNotice } from '../../shared/types';

export interface AgentConnectionEvents {
  state(state: ConnectionState): void;
  /** Connected, first or again: what the server forgot with the old connection is set up again here. */
  ready(): void;
  /** The token was refused: the console signs out. */
  unauthorized(): void;
}

const wait = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/**
 * The console's connection to /hubs/room for calls: an agent serves queues without joining the rooms,
 * so unlike `RoomConnection` it joins nothing. It reconnects for ever (backing off) and says `ready`
 * after every (re)connection.
 */
export class AgentConnection implements HubPort {
  private readonly _connection: HubConnection;
  private readonly _refusals = new RefusalLog();
  private _stopped = false;
  private _state: ConnectionState = 'disconnected';

  constructor(
    accessTokenFactory: () => string,
    private readonly _events: AgentConnectionEvents,
    messagePack: boolean = wantsMessagePack(),
  ) {
    const builder = new HubConnectionBuilder()
      .withUrl('/hubs/room', { accessTokenFactory })
      .withAutomaticReconnect(new ForeverRetryPolicy())
      .configureLogging(LogLevel.Warning);
    if (messagePack) builder.withHubProtocol(new MessagePackHubProtocol());
    this._connection = builder.build();
    const c = this._connection;
    c.on('refused', (notice: RefusalNotice) => this._refusals.add(notice));
    c.onreconnecting(() => this._setState('reconnecting'));
    c.onreconnected(() => {
      this._setState('connected');
      this._events.ready();
    });
    c.onclose((error) => {
      if (this._stopped) return;
      if (isUnauthorized(error)) {
        this._setState('disconnected');
        this._events.unauthorized();
        return;
      }
      void this.start();
    });
  }

  get state(): ConnectionState {
    return this._state;
  }

  async start(): Promise<void> {
    this._stopped = false;
    for (let attempt = 0; !this._stopped; attempt++) {
      this._setState(attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        await this._connection.start();
        this._setState('connected');
        this._events.ready();
        return;
      } catch (error) {
        if (isUnauthorized(error)) {
          this._setState('disconnected');
          this._events.unauthorized();
          return;
        }
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

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this._connection.invoke<T>(method, ...args);
    } catch (error) {
      throw this._refusals.explain(method, error);
    }
  }

  on(event: string, handler: (...args: never[]) => void): () => void {
    const listener = handler as (...args: unknown[]) => void;
    this._connection.on(event, listener);
    return () => this._connection.off(event, listener);
  }

  private _setState(state: ConnectionState): void {
    if (this._state === state) return;
    this._state = state;
    this._events.state(state);
  }
}
