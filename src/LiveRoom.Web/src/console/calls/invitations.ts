import { button, el } from '../../shared/dom';
import { bind } from '../../shared/i18n';
import type { CallInvite } from '../../shared/calls/types';

export interface InvitationActions {
  join(invite: CallInvite): void;
  decline(invite: CallInvite): void;
}

/** An invitation nobody answered is taken away after this long. */
const INVITE_MS = 120_000;

/**
 * Invitations into colleagues' calls (`callInvite`): a card each with who asks, from which room and
 * with whom, and Join / Decline. The arrival is announced through an assertive live region.
 */
export class Invitations {
  readonly element: HTMLElement;
  private readonly _announce = el('p', { className: 'offscreen', attrs: { 'role': 'alert', 'aria-live': 'assertive' } });
  private readonly _list = el('div', { className: 'invite-cards' });
  private readonly _cards = new Map<string, { card: HTMLElement; timer: number }>();

  constructor(private readonly _actions: InvitationActions) {
    this.element = el('section', { className: 'call-invitations', label: 'calls.invitations' }, this._announce, this._list);
    this.element.hidden = true;
  }

  add(invite: CallInvite, roomTitle: string): void {
    this.remove(invite.callId);
    const viewer = invite.participants.find((participant) => participant.role === 'viewer');
    const join = button('calls.join', () => this._actions.join(invite), { className: 'invite-join' });
    const decline = button('calls.decline', () => {
      this.remove(invite.callId);
      this._actions.decline(invite);
    }, { className: 'invite-decline secondary' });
    const card = el(
      'article',
      { className: 'offer-card invite-card', attrs: { 'data-call-id': invite.callId, 'data-room-id': invite.roomId } },
      el('span', { className: 'offer-pulse', attrs: { 'aria-hidden': 'true' } }),
      el(
        'div',
        { className: 'offer-text' },
        el('p', { className: 'offer-title', i18n: 'calls.invitedBy', params: { name: invite.from.displayName } }),
        el('p', { className: 'invite-room', i18n: 'calls.inviteRoom', params: { room: roomTitle, viewer: viewer?.displayName ?? '' } }),
      ),
      el('div', { className: 'offer-actions' }, join, decline),
    );
    const timer = window.setTimeout(() => this.remove(invite.callId), INVITE_MS);
    this._cards.set(invite.callId, { card, timer });
    this._list.append(card);
    this.element.hidden = false;
    bind(this._announce, 'calls.invitedBy', { name: invite.from.displayName });
    join.focus({ preventScroll: false });
  }

  remove(callId: string): void {
    const item = this._cards.get(callId);
    if (!item) return;
    window.clearTimeout(item.timer);
    item.card.remove();
    this._cards.delete(callId);
    this.element.hidden = this._cards.size === 0;
    if (this._cards.size === 0) this._announce.textContent = '';
  }

  dispose(): void {
    for (const callId of [...this._cards.keys()]) this.remove(callId);
  }
}
