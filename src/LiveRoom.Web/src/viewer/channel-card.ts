import '../shared/channels/channels.css';
import { button, el } from '../shared/dom';
import { bind, language, onLanguageChange, type MessageKey } from '../shared/i18n';
import { channelsApi, type ChannelKind, type ChannelView } from '../shared/channels/channels-api';
import { downloadProtected, fetchProtected } from '../shared/protected';

const OPEN_KEYS: Readonly<Record<ChannelKind, MessageKey>> = {
  weChat: 'channel.open.weChat',
  weCom: 'channel.open.weCom',
  whatsApp: 'channel.open.whatsApp',
  line: 'channel.open.line',
  link: 'channel.open.link',
};

/**
 * The room's private channel on the viewer page (docs/CHANNELS.md): the room's label, the viewer's own QR code
 * to scan with another phone (or save, to open from the phone's photos), and the link to follow on this one.
 * Both go through the viewer's counting link, so the team sees who came over.
 */
export class ChannelCard {
  readonly element = el('section', { className: 'channel-card', attrs: { 'aria-labelledby': 'channel-title', 'data-state': 'waiting' } });
  /** Told whether the room has a channel to show. */
  onAvailable: (available: boolean) => void = () => {};
  private _view: ChannelView | null = null;
  private _qrUrl: string | null = null;

  constructor(private readonly _roomId: string) {
    this.element.hidden = true;
    onLanguageChange(() => this._render());
  }

  attach(token: () => string | null): void {
    this._token = token;
    const value = token();
    if (!value) return;
    channelsApi
      .get(value, this._roomId)
      .then(async (view) => {
        this._view = view;
        if (view.enabled) {
          const image = await fetchProtected(channelsApi.qrSvgUrl(this._roomId), value);
          if (this._qrUrl) URL.revokeObjectURL(this._qrUrl);
          this._qrUrl = URL.createObjectURL(image);
        }
        this._render();
      })
      .catch(() => {
        // Without the channel the tab still offers the lead form; nothing to show here.
        this._view = null;
        this._render();
      });
  }

  private _token: () => string | null = () => null;

  private _render(): void {
    const view = this._view;
    const available = view !== null && view.enabled && view.link !== null;
    this.element.hidden = !available;
    this.element.dataset['state'] = available ? 'shown' : 'none';
    this.onAvailable(available);
    if (!available || !view?.link) {
      this.element.replaceChildren();
      return;
    }
    const lang = language();
    const save = button('channel.saveQr', () => {
      const token = this._token();
      if (token) void downloadProtected(channelsApi.qrPngUrl(this._roomId), token, `channel-${this._roomId}.png`);
    }, { className: 'secondary channel-save' });
    const hint = el('p', { className: 'channel-hint' });
    bind(hint, 'channel.scanHint');
    this.element.replaceChildren(
      el('h2', { className: 'channel-title', text: view.label[lang], attrs: { id: 'channel-title' } }),
      el(
        'div',
        { className: 'channel-body' },
        this._qrUrl ? el('img', { className: 'channel-qr', label: 'channel.qrLabel', attrs: { src: this._qrUrl, width: '160', height: '160' } }) : null,
        el(
          'div',
          { className: 'channel-actions' },
          hint,
          el('a', { className: 'button channel-open', i18n: OPEN_KEYS[view.kind], attrs: { href: view.link, target: '_blank', rel: 'noopener' } }),
          save,
        ),
      ),
    );
  }
}
