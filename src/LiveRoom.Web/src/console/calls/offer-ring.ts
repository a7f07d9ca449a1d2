import { button, el } from '../../shared/dom';
import { bind } from '../../shared/i18n';
import { timeOf, type CallOffer } from '../../shared/calls/types';

export interface RingActions {
  accept(offer: CallOffer): void;
  decline(offer: CallOffer): void;
  /** The offer ran out here (the server moves it on by itself). */
  expired(offer: CallOffer): void;
}

/**
 * Offers ringing this agent (`callOffer`): each a card with who, topic, VIP, Accept / Decline and a
 * countdown to `expiresAt`. The "Incoming call from …" line is announced (an assertive live region);
 * the ticking countdown is not.
 */
export class OfferRing {
  readonly element: HTMLElement;
  private readonly _announce = el('p', { className: 'offscreen', attrs: { 'role': 'alert', 'aria-live': 'assertive' } });
  private readonly _list = el('div', { className: 'offer-list' });
  private readonly _offers = new Map<string, { offer: CallOffer; card: HTMLElement; countdown: HTMLElement; meter: HTMLProgressElement; total: number }>();
  private readonly _timer: number;

  constructor(private readonly _actions: RingActions) {
    this.element = el('section', { className: 'offer-ring', label: 'calls.incoming' }, this._announce, this._list);
    this.element.hidden = true;
    this._timer = window.setInterval(() => this._tick(), 250);
  }

  get offers(): CallOffer[] {
    return [...this._offers.values()].map((item) => item.offer);
  }

  has(ticketId: string): boolean {
    return this._offers.has(ticketId);
  }

  ring(offer: CallOffer): void {
    this.remove(offer.ticketId);
    const countdown = el('span', { className: 'offer-countdown', attrs: { 'aria-hidden': 'true' } });
    const total = Math.max(1, timeOf(offer.expiresAt) - Date.now());
    const meter = el('progress', { className: 'offer-meter', attrs: { 'max': String(total), 'aria-hidden': 'true' } });
    const accept = button('calls.accept', () => this._actions.accept(offer), { className: 'offer-accept' });
    const decline = button('calls.decline', () => this._actions.decline(offer), { className: 'offer-decline secondary' });
    const card = el(
      'article',
      { className: 'offer-card', attrs: { 'data-ticket-id': offer.ticketId, 'data-room-id': offer.roomId } },
      el('span', { className: 'offer-pulse', attrs: { 'aria-hidden': 'true' } }),
      el(
        'div',
        { className: 'offer-text' },
        el('p', { className: 'offer-title', i18n: 'calls.incomingFrom', params: { name: offer.displayName } }),
        offer.vip ? el('span', { className: 'badge vip-badge', i18n: 'calls.vip' }) : null,
        offer.topic ? el('p', { className: 'offer-topic', text: offer.topic }) : el('p', { className: 'offer-topic muted', i18n: 'calls.noTopic' }),
        countdown,
        meter,
      ),
      el('div', { className: 'offer-actions' }, accept, decline),
    );
    this._offers.set(offer.ticketId, { offer, card, countdown, meter, total });
    this._list.append(card);
    this.element.hidden = false;
    bind(this._announce, 'calls.incomingFrom', { name: offer.displayName });
    this._tick();
    accept.focus({ preventScroll: false });
  }

  remove(ticketId: string): void {
    const item = this._offers.get(ticketId);
    if (!item) return;
    item.card.remove();
    this._offers.delete(ticketId);
    this.element.hidden = this._offers.size === 0;
    if (this._offers.size === 0) this._announce.textContent = '';
  }

  clear(): void {
    for (const ticketId of [...this._offers.keys()]) this.remove(ticketId);
  }

  dispose(): void {
    window.clearInterval(this._timer);
  }

  private _tick(): void {
    for (const item of [...this._offers.values()]) {
      const left = timeOf(item.offer.expiresAt) - Date.now();
      if (!(left > 0)) {
        this.remove(item.offer.ticketId);
        this._actions.expired(item.offer);
        continue;
      }
      bind(item.countdown, 'calls.expiresIn', { n: Math.ceil(left / 1000) });
      item.meter.value = left;
    }
  }
}
