import { button, el } from '../../shared/dom';
import { CallNoteForm } from '../../shared/calls/after-call';
import type { CallsClient } from '../../shared/calls/client';
import type { CallSession } from '../../shared/calls/session';

/** Calls just over: a card each with the note form, until the agent is done with it. */
export class WrapUpCards {
  readonly element = el('section', { className: 'calls-wrapup', label: 'calls.wrapUp' });

  constructor(private readonly _calls: CallsClient) {
    this.element.hidden = true;
  }

  add(session: CallSession): void {
    const ended = session.state;
    const done = button('calls.wrapUpDone', () => {
      card.remove();
      this.element.hidden = this.element.childElementCount === 0;
    }, { className: 'secondary small wrapup-done' });
    const card = el(
      'article',
      { className: 'wrapup-card', attrs: { 'data-call-id': session.callId, 'data-reason': ended.kind === 'ended' ? ended.reason : '' } },
      el('h3', { i18n: 'calls.wrapUpTitle', params: { name: session.peer.displayName } }),
      ended.kind === 'ended' ? el('p', { className: 'muted', i18n: `call.endedBy.${ended.reason}` }) : null,
      new CallNoteForm(this._calls, session.callId).element,
      done,
    );
    this.element.append(card);
    this.element.hidden = false;
  }
}
