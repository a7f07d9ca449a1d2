import type { Authed } from '../../shared/api';
import { el, toast } from '../../shared/dom';
import { t } from '../../shared/i18n';
import { CallItemsPanel } from '../../shared/calls/call-items';
import { CallView } from '../../shared/calls/call-view';
import type { CallsClient } from '../../shared/calls/client';
import type { LocalMediaSource } from '../../shared/calls/local-media';
import { RecordingBar } from '../../shared/calls/recording-bar';
import { CallSession } from '../../shared/calls/session';
import { SignalBuffer } from '../../shared/calls/signal-buffer';
import type { CallEnded, CallFile, CallInfo, CallMessage, CallRecordingStatus, QueueEntry, SignalMessage } from '../../shared/calls/types';
import { hubErrorCode } from '../../shared/hub';
import { InvitePanel } from './invite-panel';
import { ViewerContextPanel } from './viewer-context';

/** One call in progress: its session, its view, and what is known of the viewer. */
interface ActiveCall {
  session: CallSession;
  recording: RecordingBar;
  items: CallItemsPanel;
  view: CallView;
  element: HTMLElement;
  dispose(): void;
}

/** What the calls in progress need of the Calls page. */
export interface ActiveCallsHost {
  readonly calls: CallsClient;
  readonly devices: LocalMediaSource;
  readonly authed: Authed;
  readonly userId: string;
  accessToken(): string;
  roomTitle(roomId: string): string;
  /** The waiting entries the agent saw last (for the topic of the call just taken). */
  entries(): readonly QueueEntry[];
  /** A call started from this ticket (an offer or invitation for it is over). */
  started(callId: string, ticketId: string): void;
  /** A call ended (its wrap-up card, unless the page is being left). */
  ended(session: CallSession, leaving: boolean): void;
  /** How many calls are in progress changed. */
  changed(count: number): void;
}

/**
 * The calls in progress on the Calls page, each with its view (recording, invitations, messages and
 * files, snapshots) and the viewer's context beside it. Signals that arrive before their call is shown
 * are held until it is.
 */
export class ActiveCalls {
  readonly element = el('section', { className: 'calls-active', label: 'calls.inCall' });
  private readonly _active = new Map<string, ActiveCall>();
  private readonly _signals = new SignalBuffer();
  /** performance.now() of the agent's click on Accept, for the time to the first remote frame. */
  private _acceptedAt: number | null = null;
  private _disposed = false;

  constructor(private readonly _host: ActiveCallsHost) {
    this.element.hidden = true;
  }

  get size(): number {
    return this._active.size;
  }

  has(callId: string): boolean {
    return this._active.has(callId);
  }

  /** The agent pressed Accept (or Join): the clock for the time to the first frame starts. */
  accepting(): void {
    this._acceptedAt = performance.now();
  }

  /** The accept failed: no clock. */
  notAccepted(): void {
    this._acceptedAt = null;
  }

  start(info: CallInfo): void {
    if (this._active.has(info.callId) || this._disposed) return;
    const { calls, userId } = this._host;
    const entry = this._viewerEntry(info);
    const selfId = selfIdIn(info, userId);
    const viewerId = info.participants.find((participant) => participant.role === 'viewer')?.id ?? null;
    const session = new CallSession({ info, selfId, calls, media: this._host.devices.get() });
    const invite = new InvitePanel(session, calls, selfId);
    const recording = new RecordingBar(session, calls, { canRequest: true, accessToken: () => this._host.accessToken() });
    // Made before the view it keeps snapshots of: the view is there by the time anyone can press the button.
    let view: CallView | null = null;
    const items = new CallItemsPanel(session, calls, {
      token: () => this._host.accessToken(),
      snapshotSource: () => (viewerId && view ? view.videoOf(viewerId) : null),
      snapshotTaken: () => view?.flash(),
    });
    view = new CallView(session, {
      ...(this._acceptedAt === null ? {} : { since: this._acceptedAt }),
      screenShare: true,
      extras: [recording.element, invite.element],
      controls: [
        invite.toggle,
        ...(recording.requestButton ? [recording.requestButton] : []),
        ...(items.snapshotButton ? [items.snapshotButton] : []),
      ],
      after: [items.element],
      // Recording: the last chunk goes up before the call ends (the server takes none after).
      beforeHangUp: () => recording.finish(),
    });
    this._acceptedAt = null;
    const contextPanel = el(
      'aside',
      { className: 'call-context', label: 'calls.context' },
      el('h3', { i18n: 'calls.context' }),
      el(
        'dl',
        {},
        el('dt', { i18n: 'calls.contextRoom' }),
        el('dd', { text: this._host.roomTitle(info.roomId) }),
        el('dt', { i18n: 'calls.contextTopic' }),
        entry?.topic ? el('dd', { text: entry.topic }) : el('dd', { className: 'muted', i18n: 'calls.noTopic' }),
      ),
      viewerId ? new ViewerContextPanel(this._host.authed, info.roomId, viewerId, info.callId).element : null,
    );
    const element = el('div', { className: 'call-with-context', attrs: { 'data-call-id': info.callId } }, view.element, contextPanel);
    const shown = view;
    const call: ActiveCall = {
      session,
      recording,
      items,
      view: shown,
      element,
      dispose: () => {
        recording.dispose();
        items.dispose();
        invite.dispose();
        shown.dispose();
      },
    };
    this._active.set(info.callId, call);
    this._host.started(info.callId, entry?.ticketId ?? '');
    session.onChange(() => {
      if (session.state.kind !== 'ended' || !this._active.has(info.callId)) return;
      this._active.delete(info.callId);
      call.dispose();
      this._render();
      const ended = session.state;
      toast(ended.kind === 'ended' && ended.reason === 'left' ? t('calls.youLeft') : t('calls.callEnded', { name: session.peer.displayName }));
      this._host.ended(session, this._disposed);
    });
    this._render();
    shown.focus();
    for (const message of this._signals.take(info.callId)) session.handleSignal(message);
  }

  /** After a reconnection: back into every call, with what was written or shared while the connection was down. */
  rejoin(): void {
    for (const call of this._active.values()) {
      this._host.calls
        .rejoinCall(call.session.callId)
        .then(() => call.items.load())
        .catch((failure: unknown) => {
          const code = hubErrorCode(failure);
          if (code === 'not_found' || code === 'call_ended' || code === 'not_participant') call.session.end('lost');
        });
    }
  }

  /** Event `signal`: for a call shown, or held until it is. */
  signal(message: SignalMessage): void {
    const call = this._active.get(message.callId);
    if (call) call.session.handleSignal(message);
    else this._signals.hold(message);
  }

  callEnded(ended: CallEnded): void {
    this._active.get(ended.callId)?.session.end(ended.reason);
  }

  callUpdated(info: CallInfo): void {
    this._active.get(info.callId)?.session.update(info);
  }

  recordingState(status: CallRecordingStatus): void {
    this._active.get(status.callId)?.recording.handle(status);
  }

  callMessage(message: CallMessage): void {
    this._active.get(message.callId)?.items.handleMessage(message);
  }

  callFile(file: CallFile): void {
    this._active.get(file.callId)?.items.handleFile(file);
  }

  /** The page is left: every call is hung up. */
  dispose(): void {
    this._disposed = true;
    for (const call of [...this._active.values()]) call.session.hangUp();
    this._active.clear();
    this._signals.clear();
  }

  private _render(): void {
    this.element.hidden = this._active.size === 0;
    this.element.replaceChildren(...[...this._active.values()].map((call) => call.element));
    this._host.changed(this._active.size);
  }

  private _viewerEntry(info: CallInfo): QueueEntry | undefined {
    const viewer = info.participants.find((participant) => participant.role === 'viewer');
    return this._host.entries().find((entry) => entry.roomId === info.roomId && entry.viewerId === viewer?.id);
  }
}

/** Who the agent is in a call: their own id, or the agent participant (ids of staff may be spelled differently). */
function selfIdIn(info: CallInfo, userId: string): string {
  return (
    info.participants.find((participant) => participant.id === userId)?.id ??
    info.participants.find((participant) => participant.id.toLowerCase() === userId.toLowerCase())?.id ??
    userId
  );
}
