import { button, el, InlineError } from '../dom';
import { bind, t } from '../i18n';
import { CallRecorder } from './call-recorder';
import type { CallsClient } from './client';
import { callErrorMessage } from './refusals';
import type { CallSession } from './session';
import type { CallRecordingStatus } from './types';

export interface RecordingBarOptions {
  /** Agents ask to record ("Record"); viewers only answer and may stop. */
  canRequest: boolean;
  /** The bearer token for the chunk uploads (the agent who asked uploads). */
  accessToken?: () => string;
}

let dialogs = 0;

/**
 * Recording with consent in a call (docs/CALLS.md): the "Record" button (agents), the consent dialog
 * (a modal with the text, Agree / Decline; the text shown is the text sent with the answer), the
 * indicator everyone sees while recording with "Stop recording", and what became of a request. The
 * agent who asked also records: a {@link CallRecorder} runs exactly while the state is `recording`.
 *
 * `element[data-recording-state]` says the state (`off`, `requested`, `recording`, `stopped`).
 */
export class RecordingBar {
  readonly element: HTMLElement;
  readonly requestButton: HTMLButtonElement | null;
  private readonly _text = el('span', { className: 'call-recording-text' });
  private readonly _stop: HTMLButtonElement;
  private readonly _error = new InlineError();
  private readonly _dialog: HTMLDialogElement;
  private readonly _consentText = el('p', { className: 'consent-text' });
  private _status: CallRecordingStatus | null = null;
  private _recorder: CallRecorder | null = null;
  /** A take this side finished itself: no recorder starts for it again while the server catches up. */
  private _finishedTake = 0;
  /** The request in progress was answered here: its dialog does not open again. */
  private _answered = false;
  private readonly _stopListening: () => void;

  constructor(
    private readonly _session: CallSession,
    private readonly _calls: CallsClient,
    private readonly _options: RecordingBarOptions,
  ) {
    this.requestButton = _options.canRequest
      ? button('call.record', () => this._request(), { className: 'call-control call-record secondary' })
      : null;
    this._stop = button('call.stopRecording', () => this._stopRecording(), { className: 'small danger call-stop-recording' });
    this._stop.hidden = true;
    this.element = el(
      'div',
      { className: 'call-recording', attrs: { 'data-recording-state': 'off' } },
      el('span', { className: 'call-recording-dot', attrs: { 'aria-hidden': 'true' } }),
      el('span', { attrs: { 'role': 'status', 'aria-live': 'polite' } }, this._text),
      this._stop,
      this._error.element,
    );
    this.element.hidden = true;

    const id = ++dialogs;
    const agree = button('call.consentAgree', () => this._answer(true), { className: 'consent-agree' });
    const decline = button('call.consentDecline', () => this._answer(false), { className: 'consent-decline secondary' });
    this._dialog = el(
      'dialog',
      { className: 'consent-dialog', attrs: { 'aria-labelledby': `consent-title-${id}`, 'aria-describedby': `consent-text-${id}` } },
      el('h2', { className: 'consent-title', i18n: 'call.consentTitle', attrs: { id: `consent-title-${id}` } }),
      this._consentText,
      el('div', { className: 'consent-actions' }, agree, decline),
    );
    this._consentText.id = `consent-text-${id}`;
    // Escape does not agree to anything: it declines.
    this._dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this._answer(false);
    });
    this.element.append(this._dialog);
    this._stopListening = _session.onChange(() => {
      if (_session.state.kind === 'ended') this._endRecorder();
    });
  }

  /** The recorder running now (the agent who asked, while recording). */
  get recorder(): CallRecorder | null {
    return this._recorder;
  }

  /** Event `recordingState` (or a method's answer) for this call. */
  handle(status: CallRecordingStatus): void {
    if (status.callId !== this._session.callId) return;
    // A method's answer may come after a later event: an older take never replaces a newer one.
    if (this._status && status.take < this._status.take) return;
    if (!this._status && this._session.resumed && status.state === 'recording' && status.requestedBy === this._session.selfId) {
      // This page was reloaded while it recorded: the take's recorder went with the old page and cannot go
      // on (its pieces would not follow the ones stored), so the take ends here; Record asks everyone again.
      this._finishedTake = status.take;
      this._calls
        .stopRecording(this._session.callId)
        .then((stopped) => this.handle(stopped))
        .catch((failure: unknown) => this._error.show(callErrorMessage(failure)));
    }
    this._status = status;
    this._render();
  }

  /**
   * This side is about to stop the take or hang up: if it is the one recording, its recorder stops now and
   * its last chunk goes up first (the server takes no chunk of a take that is over).
   */
  async finish(): Promise<void> {
    const recorder = this._recorder;
    if (!recorder) return;
    this._recorder = null;
    this._finishedTake = recorder.take;
    await recorder.finish();
  }

  dispose(): void {
    this._stopListening();
    this._endRecorder();
    if (this._dialog.open) this._dialog.close();
  }

  private _name(id: string | null): string {
    return this._session.participants.find((participant) => participant.id === id)?.displayName ?? '';
  }

  private _render(): void {
    const status = this._status;
    const state = status?.state ?? 'off';
    const self = this._session.selfId;
    this.element.dataset['recordingState'] = state;
    this.element.hidden = state === 'off';
    this._stop.hidden = state !== 'recording' && !(state === 'requested' && status?.requestedBy === self);
    if (this.requestButton) this.requestButton.hidden = state === 'recording' || state === 'requested';
    const requester = this._name(status?.requestedBy ?? null);
    const declined = status?.consents.find((consent) => !consent.agreed);
    if (state === 'recording') bind(this._text, 'call.recording');
    else if (state === 'requested') {
      if (status?.requestedBy === self) bind(this._text, 'call.recordingAsking');
      else if (status?.pending.includes(self)) bind(this._text, 'call.recordingYourAnswer', { name: requester });
      else bind(this._text, 'call.recordingWaiting');
    } else if (state === 'stopped') {
      if (declined) bind(this._text, declined.participantId === self ? 'call.notRecordedYou' : 'call.notRecorded', { name: this._name(declined.participantId) });
      else bind(this._text, 'call.recordingStopped');
    }

    // The consent dialog: for everyone asked who has not answered yet.
    if (state !== 'requested') this._answered = false;
    const asked = state === 'requested' && status?.requestedBy !== self && status?.pending.includes(self) === true;
    if (asked && !this._answered && !this._dialog.open) {
      bind(this._consentText, 'call.consentText', { name: requester });
      this._dialog.showModal();
    } else if (!asked && this._dialog.open) this._dialog.close();

    // The agent who asked records exactly while the state is `recording` (one recorder per take).
    const recording = state === 'recording' && status?.requestedBy === self && this._options.accessToken !== undefined;
    if (recording && status && this._recorder?.take !== status.take && status.take > this._finishedTake) {
      this._endRecorder();
      this._recorder = new CallRecorder(this._session, status.take, this._options.accessToken!, () => this._endRecorder());
      this._recorder.start();
    } else if (!recording) this._endRecorder();
  }

  private _endRecorder(): void {
    this._recorder?.stop();
    this._recorder = null;
  }

  private _request(): void {
    this._error.clear();
    this._calls
      .requestRecording(this._session.callId)
      .then((status) => this.handle(status))
      .catch((failure: unknown) => {
        this.element.hidden = false;
        this._error.show(callErrorMessage(failure));
      });
  }

  private _answer(agree: boolean): void {
    // The text exactly as shown is kept with the answer.
    const text = this._consentText.textContent ?? t('call.consentText', { name: '' });
    this._answered = true;
    if (this._dialog.open) this._dialog.close();
    this._calls
      .answerRecording(this._session.callId, agree, text)
      .then((status) => this.handle(status))
      .catch((failure: unknown) => this._error.show(callErrorMessage(failure)));
  }

  private _stopRecording(): void {
    this._stop.disabled = true;
    void this.finish()
      .then(() => this._calls.stopRecording(this._session.callId))
      .then((status) => this.handle(status))
      .catch((failure: unknown) => this._error.show(callErrorMessage(failure)))
      .finally(() => {
        this._stop.disabled = false;
      });
  }
}
