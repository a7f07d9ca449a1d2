import { api, type Authed } from '../../shared/api';
import { button, choiceDialog, copyText, el } from '../../shared/dom';
import { bind, t, type MessageKey } from '../../shared/i18n';
import type { Ingest, StaffRoom } from '../../shared/types';

let nextFieldId = 0;

/** One labelled value in the ingest panel; secrets are masked until "Show" is pressed. */
function field(labelKey: MessageKey, name: string, value: string, secret: boolean): HTMLElement[] {
  const id = `ingest-field-${nextFieldId++}`;
  const term = el('dt', { i18n: labelKey, attrs: { id: `${id}-label` } });
  const code = el('code', { className: 'ingest-value', attrs: { 'data-field': name, 'aria-labelledby': `${id}-label` } });
  let shown = !secret;
  const render = () => {
    if (shown) {
      code.textContent = value;
      code.removeAttribute('data-i18n');
    } else {
      bind(code, 'ingest.hidden');
    }
    code.classList.toggle('masked', !shown);
    code.dataset['masked'] = String(!shown);
  };
  const controls = el('span', { className: 'ingest-controls' });
  if (secret) {
    const toggle = button('ingest.show', () => {
      shown = !shown;
      bind(toggle, shown ? 'ingest.hide' : 'ingest.show');
      toggle.setAttribute('aria-pressed', String(shown));
      render();
    }, { className: 'small secondary', attrs: { 'aria-pressed': 'false', 'data-action': `show-${name}` } });
    controls.append(toggle);
  }
  const copy = button('ingest.copy', () => {
    void copyText(value).then((ok) => {
      if (!ok) return;
      bind(copy, 'ingest.copied');
      window.setTimeout(() => bind(copy, 'ingest.copy'), 2000);
    });
  }, { className: 'small secondary', attrs: { 'data-action': `copy-${name}` } });
  controls.append(copy);
  render();
  return [term, el('dd', {}, code, controls)];
}

export interface IngestPanelOptions {
  message: MessageKey;
  title: string;
  viewerUrl: string;
  ingest: Ingest;
  onClose(): void;
}

/** The settings a presenter needs: the viewer link, and OBS's server and stream key. */
export function ingestPanel(options: IngestPanelOptions): HTMLElement {
  const viewerHref = new URL(options.viewerUrl, location.origin).href;
  const viewerId = `ingest-field-${nextFieldId++}`;
  const panel = el(
    'section',
    { className: 'ingest-panel', label: 'rooms.streamSettings' },
    el('p', { className: 'ingest-message', i18n: options.message, params: { title: options.title } }),
    el(
      'dl',
      {},
      el('dt', { i18n: 'ingest.viewerUrl', attrs: { id: viewerId } }),
      el(
        'dd',
        {},
        el('a', {
          className: 'ingest-value viewer-url',
          text: viewerHref,
          attrs: { 'href': viewerHref, 'target': '_blank', 'rel': 'noopener', 'data-field': 'viewer-url', 'aria-describedby': viewerId },
        }),
      ),
      ...field('ingest.rtmpUrl', 'rtmp-url', options.ingest.rtmpUrl, false),
      ...field('ingest.streamKey', 'stream-key', options.ingest.streamKey, true),
      ...field('ingest.publishUrl', 'publish-url', options.ingest.publishUrl, true),
    ),
    el('p', { className: 'ingest-hint', i18n: 'ingest.keyframeHint', params: { seconds: String(options.ingest.keyframeSeconds ?? 1) } }),
    button('rooms.close', () => options.onClose(), { className: 'secondary small' }),
  );
  return panel;
}

/** What the stream-key buttons need to know of a room. */
export type StreamRoom = Pick<StaffRoom, 'id' | 'title' | 'status' | 'viewerUrl'>;

export interface StreamKeyOptions {
  /** The room as the page last saw it. */
  room(): StreamRoom;
  /** Where the ingest panel opens. */
  slot: HTMLElement;
  authed: Authed;
  reportFailure(error: unknown): void;
  /** Reads the room again (its status changes when the publisher is cut off). */
  reload(): void;
}

/** A room's "Stream settings" (opens the ingest panel in `slot`) and "Rotate key" buttons. */
export function streamKeyButtons(options: StreamKeyOptions): { settings: HTMLButtonElement; rotate: HTMLButtonElement } {
  const { slot, authed, reportFailure, reload } = options;
  const showIngest = (message: 'rooms.streamSettings' | 'rooms.rotated', load: (token: string) => Promise<Ingest>) =>
    authed(load)
      .then((ingest) => {
        const room = options.room();
        slot.replaceChildren(
          ingestPanel({ message, title: room.title, viewerUrl: room.viewerUrl, ingest, onClose: () => slot.replaceChildren() }),
        );
      })
      .catch(reportFailure);
  const rotate = button('rooms.rotate', () => {
    const room = options.room();
    // A key is usually rotated because it leaked: while someone publishes, offer to cut them off as well.
    const publishing = room.status === 'live';
    void choiceDialog(t(publishing ? 'rooms.rotateLiveConfirm' : 'rooms.rotateConfirm', { title: room.title }), [
      { key: 'mod.cancel', value: 'cancel' },
      ...(publishing ? [{ key: 'rooms.rotateOnly' as const, value: 'rotate' as const }] : []),
      {
        key: publishing ? ('rooms.rotateAndDisconnect' as const) : ('rooms.rotate' as const),
        value: publishing ? ('disconnect' as const) : ('rotate' as const),
        className: 'danger',
      },
    ]).then((choice) => {
      if (choice === 'rotate') void showIngest('rooms.rotated', (token) => api.rotateStreamKey(token, room.id));
      // The room turns interrupted at once: show it without waiting for the next refresh.
      if (choice === 'disconnect') void showIngest('rooms.rotated', (token) => api.rotateStreamKey(token, room.id, true)).then(reload);
    });
  }, { className: 'small secondary' });
  const settings = button('rooms.streamSettings', () => void showIngest('rooms.streamSettings', (token) => api.getIngest(token, options.room().id)), {
    className: 'small secondary',
  });
  return { settings, rotate };
}
