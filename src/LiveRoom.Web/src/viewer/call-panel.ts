import { button, el, InlineError } from '../shared/dom';
import { hubErrorCode } from '../shared/hub';
import { bind, t, type MessageKey } from '../shared/i18n';
import { RatingForm } from '../shared/calls/after-call';
import { callBackForm } from '../shared/calls/callback-form';
import { loadViewer } from '../shared/storage';
import { CallItemsPanel } from '../shared/calls/call-items';
import { CallView } from '../shared/calls/call-view';
import { CallsClient } from '../shared/calls/client';
import { RecordingBar } from '../shared/calls/recording-bar';
import { waitText } from '../shared/calls/format';
import { LocalMediaSource } from '../shared/calls/local-media';
import { callErrorMessage } from '../shared/calls/refusals';
import { CallSession } from '../shared/calls/session';
import { SignalBuffer } from '../shared/calls/signal-buffer';
import { MAX_TOPIC_LENGTH, type CallEndReason, type CallInfo, type QueueStatus, type WaitRange } from '../shared/calls/types';
import type { HubPort } from '../shared/hub';

/** How long the "call ended" note stays before the "Talk privately" form is back. */
const ENDED_NOTE_MS = 8000;

/** The viewer's place in the queue, as last told. */
export interface QueuePlace {
  ticketId: string;
  position: number;
  estimatedWait: WaitRange | null;
  state: 'waiting' | 'offered' | 'away';
}

/** Where the viewer stands with private calls. Only one is true at a time. */
export type ViewerCallState =
  /** Calls are not offered here now (not joined yet, the room is not live, or it ended). */
  | { kind: 'closed' }
  /** The "Talk privately" form. `note` says how the last wait or call ended. */
  | { kind: 'idle'; note: MessageKey | null }
  | { kind: 'requesting' }
  /** Nobody can take calls: the call-back form (`topic` as the viewer gave it). */
  | { kind: 'callback'; topic: string }
  | { kind: 'waiting'; place: QueuePlace }
  | { kind: 'leaving'; place: QueuePlace }
  | { kind: 'inCall'; session: CallSession; view: CallView; recording: RecordingBar; items: CallItemsPanel }
  /** The call is over: how it ended, and the rating form for it. */
  | { kind: 'ended'; reason: CallEndReason; callId: string; rating: RatingForm };

/** What the page learns from the panel: a call opened or closed (the layout changes, the live is muted). */
export interface CallPanelHost {
  callChanged(view: CallView | null): void;
}

const GONE_NOTES: Readonly<Record<string, MessageKey>> = {
  left: 'call.left',
  expired: 'call.expired',
  room_ended: 'call.roomEnded',
};

/**
 * The viewer's side of private calls: the "Talk privately" form (an optional topic), the queue card
 * (position, estimated wait, leave) with live updates, and the call itself once an agent takes it.
 * `element` sits under the player; the call's view is handed to the page to place (`callChanged`).
 */
export class ViewerCallPanel {
  readonly element: HTMLElement;
  private readonly _body = el('div', { className: 'call-panel-body' });
  private readonly _error = new InlineError();
  private readonly _signals = new SignalBuffer();
  private _state: ViewerCallState = { kind: 'closed' };
  private _calls: CallsClient | null = null;
  private _selfId = '';
  private _unsubscribe: (() => void)[] = [];
  private _endedTimer: number | undefined;
  private _topic = '';
  private _open = false;

  constructor(
    private readonly _roomId: string,
    private readonly _host: CallPanelHost,
  ) {
    this.element = el('section', { className: 'call-panel', label: 'call.talk' }, this._body, this._error.element);
    this.element.hidden = true;
  }

  get state(): ViewerCallState {
    return this._state;
  }

  /** Uses this connection (the room's, as `selfId`) for calls from now on. */
  attach(hub: HubPort, selfId: string): void {
    this.detach();
    const calls = new CallsClient(hub);
    this._calls = calls;
    this._selfId = selfId;
    this._unsubscribe = [
      calls.on('queue', (status) => this._onQueue(status)),
      calls.on('callStarted', (info) => this._onCallStarted(info)),
      calls.on('signal', (message) => {
        if (this._state.kind === 'inCall' && this._state.session.callId === message.callId) this._state.session.handleSignal(message);
        else this._signals.hold(message);
      }),
      calls.on('callEnded', (ended) => {
        if (this._state.kind === 'inCall' && this._state.session.callId === ended.callId) this._state.session.end(ended.reason);
      }),
      // Someone joined (their offer follows) or left (their picture goes) a call the viewer is in.
      calls.on('callUpdated', (info) => {
        if (this._state.kind === 'inCall') this._state.session.update(info);
      }),
      calls.on('recordingState', (status) => {
        if (this._state.kind === 'inCall') this._state.recording.handle(status);
      }),
      calls.on('callMessage', (message) => {
        if (this._state.kind === 'inCall') this._state.items.handleMessage(message);
      }),
      calls.on('callFile', (file) => {
        if (this._state.kind === 'inCall') this._state.items.handleFile(file);
      }),
    ];
  }

  /** Stops listening (the identity changed or the page is leaving). A call in progress ends here. */
  detach(): void {
    for (const stop of this._unsubscribe) stop();
    this._unsubscribe = [];
    this._signals.clear();
    if (this._state.kind === 'inCall') this._state.session.end('lost');
    this._calls = null;
  }

  /** Whether calls may be asked for now (joined, room live). A wait or a call in progress is kept either way. */
  setOpen(open: boolean): void {
    this._open = open;
    if (open && this._state.kind === 'closed') this._enter({ kind: 'idle', note: null });
    else if (!open && this._state.kind === 'idle') this._enter({ kind: 'closed' });
    else this.element.hidden = this._state.kind === 'closed';
  }

  /** The room connection joined again (after a drop): a call in progress is taken up on the new connection. */
  rejoined(): void {
    if (this._state.kind !== 'inCall' || !this._calls) return;
    const session = this._state.session;
    const items = this._state.items;
    this._calls
      .rejoinCall(session.callId)
      // What was written or shared while the connection was down.
      .then(() => items.load())
      .catch((error: unknown) => {
        const code = hubErrorCode(error);
        if (code === 'not_found' || code === 'call_ended' || code === 'not_participant') session.end('lost');
      });
  }

  /** The room ended: any wait is over (the server says so too), a call ends with it. */
  roomEnded(): void {
    if (this._state.kind === 'waiting' || this._state.kind === 'leaving' || this._state.kind === 'requesting') {
      this._enter({ kind: 'idle', note: 'call.roomEnded' });
    }
    this.setOpen(false);
  }

  private _enter(next: ViewerCallState): void {
    const previous = this._state;
    this._state = next;
    window.clearTimeout(this._endedTimer);
    if (previous.kind === 'inCall' && (next.kind !== 'inCall' || next.view !== previous.view)) {
      previous.view.dispose();
      this._host.callChanged(null);
    }
    this._render();
    if (next.kind === 'inCall' && previous.kind !== 'inCall') {
      this._host.callChanged(next.view);
      next.view.focus();
    }
    // The end screen stays while the viewer may still rate the call; it goes by itself once rated.
    if (next.kind === 'ended' && next.rating.element.dataset['rated'] === 'true') this._dismissLater(next);
  }

  private _dismissLater(state: ViewerCallState): void {
    window.clearTimeout(this._endedTimer);
    this._endedTimer = window.setTimeout(() => {
      if (this._state === state) this._enter(this._open ? { kind: 'idle', note: null } : { kind: 'closed' });
    }, ENDED_NOTE_MS);
  }

  private _render(): void {
    const state = this._state;
    this.element.hidden = state.kind === 'closed';
    this.element.dataset['callPhase'] = state.kind;
    switch (state.kind) {
      case 'closed':
        this._body.replaceChildren();
        break;
      case 'idle':
      case 'requesting':
        this._body.replaceChildren(this._form(state.kind === 'requesting', state.kind === 'idle' ? state.note : null));
        break;
      case 'waiting':
      case 'leaving':
        this._body.replaceChildren(this._queueCard(state.place, state.kind === 'leaving'));
        break;
      case 'callback':
        this._body.replaceChildren(
          callBackForm({
            roomId: this._roomId,
            token: () => loadViewer(this._roomId)?.accessToken ?? null,
            name: loadViewer(this._roomId)?.displayName ?? '',
            topic: state.topic,
            sent: () => this._enter({ kind: 'idle', note: 'callback.sent' }),
            cancel: () => this._enter({ kind: 'idle', note: null }),
          }),
        );
        this._body.querySelector<HTMLInputElement>('input[name=phone]')?.focus();
        break;
      case 'inCall':
        this._body.replaceChildren(el('p', { className: 'call-panel-note', i18n: 'call.streamMuted' }));
        break;
      case 'ended':
        this._body.replaceChildren(
          el(
            'div',
            { className: 'call-ended-note', attrs: { 'role': 'status', 'data-reason': state.reason } },
            el('strong', { i18n: 'call.ended' }),
            el('span', { i18n: `call.endedBy.${state.reason}` }),
            button('call.dismiss', () => this._enter(this._open ? { kind: 'idle', note: null } : { kind: 'closed' }), { className: 'secondary small' }),
          ),
          state.rating.element,
        );
        break;
    }
  }

  private _form(busy: boolean, note: MessageKey | null): HTMLElement {
    const topic = el('input', {
      className: 'call-topic',
      placeholder: 'call.topic',
      label: 'call.topicLabel',
      attrs: { type: 'text', maxlength: String(MAX_TOPIC_LENGTH), enterkeyhint: 'send' },
    });
    topic.value = this._topic;
    topic.disabled = busy;
    topic.addEventListener('input', () => {
      this._topic = topic.value;
    });
    const submit = el('button', { className: 'call-talk', i18n: busy ? 'call.requesting' : 'call.talk', attrs: { type: 'submit' } });
    submit.disabled = busy;
    const form = el(
      'form',
      { className: 'call-form', attrs: { novalidate: true } },
      note ? el('p', { className: 'call-panel-note', i18n: note, attrs: { role: 'status' } }) : null,
      el('p', { className: 'call-hint', i18n: 'call.talkHint' }),
      el('div', { className: 'call-form-row' }, topic, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this._request(topic.value.trim());
    });
    return form;
  }

  private _queueCard(place: QueuePlace, leaving: boolean): HTMLElement {
    const position = el('p', { className: 'queue-position', attrs: { 'data-position': String(place.position) } });
    if (place.state === 'offered') bind(position, 'call.offered');
    else if (place.state === 'away') bind(position, 'call.away');
    else if (place.position <= 1) bind(position, 'call.positionNext');
    else bind(position, 'call.position', { n: place.position });
    const estimate = el('p', { className: 'queue-estimate', attrs: { 'data-estimate': place.estimatedWait ? 'known' : 'none' } });
    if (place.estimatedWait) estimate.textContent = t('call.estimate', { wait: waitText(place.estimatedWait) });
    else bind(estimate, 'call.noAgent');
    const leave = button('call.leave', () => this._leave(place), { className: 'secondary small queue-leave' });
    leave.disabled = leaving;
    return el(
      'div',
      { className: 'queue-card', attrs: { 'data-state': place.state, 'data-ticket-id': place.ticketId } },
      el('h2', { className: 'queue-title', i18n: 'call.queueTitle' }),
      // One live region for the lines that change: position and estimate are read out together.
      el('div', { className: 'queue-live', attrs: { 'role': 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } }, position, estimate),
      el('p', { className: 'call-hint', i18n: 'call.keepWatching' }),
      leave,
    );
  }

  private _request(topic: string): void {
    const calls = this._calls;
    if (!calls || this._state.kind !== 'idle') return;
    this._error.clear();
    this._enter({ kind: 'requesting' });
    calls
      .requestCall(this._roomId, topic === '' ? null : topic)
      .then((ticket) => {
        // A queue event (or the call itself) may have come first.
        this._topic = '';
        if (this._state.kind !== 'requesting') return;
        this._enter({ kind: 'waiting', place: { ticketId: ticket.ticketId, position: ticket.position, estimatedWait: ticket.estimatedWait, state: ticket.state } });
      })
      .catch((error: unknown) => {
        if (this._state.kind !== 'requesting') return;
        const code = hubErrorCode(error);
        if (code === 'no_agents' || code === 'queue_closed') {
          // Nobody can take the call now (or staff closed the queue): offer to be called back instead.
          this._enter({ kind: 'callback', topic });
          return;
        }
        this._error.show(callErrorMessage(error));
        this._enter(code === 'room_ended' ? { kind: 'closed' } : { kind: 'idle', note: null });
      });
  }

  private _leave(place: QueuePlace): void {
    const calls = this._calls;
    if (!calls) return;
    this._enter({ kind: 'leaving', place });
    calls
      .leaveQueue(this._roomId)
      .then(() => {
        if (this._state.kind === 'leaving') this._enter({ kind: 'idle', note: 'call.left' });
      })
      .catch((error: unknown) => {
        this._error.show(callErrorMessage(error));
        if (this._state.kind === 'leaving') this._enter({ kind: 'waiting', place });
      });
  }

  private _onQueue(status: QueueStatus): void {
    if (status.roomId !== this._roomId) return;
    const state = this._state;
    if (state.kind === 'inCall' || state.kind === 'ended' || status.state === 'accepted') return;
    if (status.state === 'gone') {
      if (state.kind === 'waiting' || state.kind === 'leaving' || state.kind === 'requesting') {
        const note = GONE_NOTES[status.reason ?? ''] ?? 'call.expired';
        this._enter(this._open || note !== 'call.roomEnded' ? { kind: 'idle', note } : { kind: 'closed' });
      }
      return;
    }
    // Also after a reload or a reconnect: the ticket that came back is shown again.
    const place: QueuePlace = { ticketId: status.ticketId, position: status.position, estimatedWait: status.estimatedWait, state: status.state };
    this._enter({ kind: state.kind === 'leaving' ? 'leaving' : 'waiting', place });
  }

  private _onCallStarted(info: CallInfo): void {
    const calls = this._calls;
    if (info.roomId !== this._roomId || !calls) return;
    if (this._state.kind === 'inCall') {
      if (this._state.session.callId === info.callId) return;
      this._state.session.hangUp();
    }
    // The camera and microphone are asked for now, when someone is there to see and hear them.
    const devices = new LocalMediaSource();
    const session = new CallSession({ info, selfId: this._selfId, calls, media: devices.get() });
    const recording = new RecordingBar(session, calls, { canRequest: false });
    const items = new CallItemsPanel(session, calls, { token: () => loadViewer(this._roomId)?.accessToken ?? null });
    const view = new CallView(session, { extras: [recording.element], after: [items.element] });
    session.onChange(() => {
      const state = session.state;
      if (state.kind !== 'ended') return;
      devices.release();
      recording.dispose();
      items.dispose();
      if (this._state.kind === 'inCall' && this._state.session === session) {
        const rating: RatingForm = new RatingForm(calls, session.callId, () => {
          if (this._state.kind === 'ended' && this._state.rating === rating) this._dismissLater(this._state);
        });
        this._enter({ kind: 'ended', reason: state.reason, callId: session.callId, rating });
      }
    });
    this._error.clear();
    this._enter({ kind: 'inCall', session, view, recording, items });
    for (const message of this._signals.take(info.callId)) session.handleSignal(message);
  }
}
