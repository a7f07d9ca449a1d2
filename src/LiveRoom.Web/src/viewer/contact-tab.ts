import { el } from '../shared/dom';
import { ChannelCard } from './channel-card';
import { LeadPanel } from './lead-panel';

/**
 * The "Contact me" tab: the room's private channel (its QR code and link) above the room's lead form. The tab is
 * offered only while at least one of the two is (`onAvailable`).
 */
export class ContactTab {
  readonly element: HTMLElement;
  /** Told whether the tab has anything to show. */
  onAvailable: (available: boolean) => void = () => {};
  private readonly _leads: LeadPanel;
  private readonly _channel: ChannelCard;
  private readonly _offered = { form: false, channel: false };

  constructor(roomId: string) {
    this._leads = new LeadPanel(roomId);
    this._channel = new ChannelCard(roomId);
    this.element = el('div', { className: 'contact-panel' }, this._channel.element, this._leads.element);
    this._leads.onAvailable = (available) => this._set('form', available);
    this._channel.onAvailable = (available) => this._set('channel', available);
  }

  /** Starts with the viewer's identity: loads the form, what they left, and the channel. */
  attach(token: () => string | null): void {
    this._leads.attach(token);
    this._channel.attach(token);
  }

  private _set(part: 'form' | 'channel', available: boolean): void {
    this._offered[part] = available;
    this.onAvailable(this._offered.form || this._offered.channel);
  }
}
