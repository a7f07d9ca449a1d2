import '../../shared/channels/channels.css';
import { ApiError } from '../../shared/api';
import { el, InlineError } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { CHANNEL_KINDS, channelsApi, type ChannelKind, type PrivateChannel } from '../../shared/channels/channels-api';
import type { PageContext } from '../workspace';

let forms = 0;

/** The room's private channel as staff set it (docs/CHANNELS.md): shown or not, its kind, its address and its title. */
export function channelSettings(context: PageContext, roomId: string): HTMLElement {
  const id = `channel-settings-${++forms}`;
  const error = new InlineError(0);
  const status = el('p', { className: 'channel-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  const enabled = el('input', { attrs: { id: `${id}-enabled`, type: 'checkbox' } });
  const kind = el('select', { attrs: { id: `${id}-kind` } });
  for (const value of CHANNEL_KINDS) kind.append(el('option', { i18n: `channel.kind.${value}`, attrs: { value } }));
  const url = el('input', { attrs: { id: `${id}-url`, type: 'url', inputmode: 'url', maxlength: '2000', spellcheck: 'false' } });
  const labelEn = el('input', { attrs: { id: `${id}-label-en`, type: 'text', maxlength: '100' } });
  const labelZh = el('input', { attrs: { id: `${id}-label-zh`, type: 'text', maxlength: '100' } });
  const save = el('button', { i18n: 'channel.save', attrs: { type: 'submit' } });
  const field = (key: Parameters<typeof t>[0], control: HTMLElement) =>
    el('div', { className: 'field' }, el('label', { i18n: key, attrs: { for: control.id } }), control);

  const fill = (channel: PrivateChannel | null) => {
    enabled.checked = channel?.enabled ?? false;
    kind.value = channel?.kind ?? 'weChat';
    url.value = channel?.url ?? '';
    labelEn.value = channel?.label.en ?? '';
    labelZh.value = channel?.label.zh ?? '';
  };

  const form = el(
    'form',
    { className: 'channel-settings', attrs: { 'aria-labelledby': `${id}-title`, 'novalidate': true } },
    el('h3', { i18n: 'channel.settingsTitle', attrs: { id: `${id}-title` } }),
    el('p', { className: 'muted', i18n: 'channel.settingsHint' }),
    el('label', { className: 'channel-enabled', attrs: { for: enabled.id } }, enabled, ' ', el('span', { i18n: 'channel.enabled' })),
    el('div', { className: 'channel-settings-row' }, field('channel.kind', kind), field('channel.url', url)),
    el('div', { className: 'channel-settings-row' }, field('channel.labelEn', labelEn), field('channel.labelZh', labelZh)),
    error.element,
    el('div', { className: 'lead-form-actions' }, save, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.clear();
    status.textContent = '';
    save.disabled = true;
    const label = labelEn.value.trim() || labelZh.value.trim() ? { en: labelEn.value.trim(), zh: labelZh.value.trim() } : null;
    context
      .authed((token) => channelsApi.save(token, roomId, { enabled: enabled.checked, kind: kind.value as ChannelKind, url: url.value.trim(), label }))
      .then((saved) => {
        fill(saved);
        bind(status, 'channel.saved');
      })
      .catch((failure: unknown) => error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic')))
      .finally(() => (save.disabled = false));
  });

  fill(null);
  void context
    .authed((token) => channelsApi.settings(token, roomId))
    .then(fill)
    .catch((failure: unknown) => error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic')));
  return form;
}
