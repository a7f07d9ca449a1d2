import './webhooks.css';
import { ApiError } from '../../shared/api';
import { button, confirmDialog, copyText, el, formatDateTime, InlineError, toast } from '../../shared/dom';
import { t, type MessageKey } from '../../shared/i18n';
import type { PageContext, Unmount } from '../workspace';
import { webhooksApi, type DeliveryStatus, type WebhookDelivery, type WebhookEndpoint } from './webhooks-api';

/** How often the endpoints' health and the deliveries are asked for again while the page is open. */
const REFRESH_MS = 3000;

type Health = 'ok' | 'failing' | 'disabled' | 'new';

/** What the endpoint list shows. */
type EndpointsState =
  | { kind: 'loading' }
  | { kind: 'ready'; endpoints: readonly WebhookEndpoint[] }
  | { kind: 'failed'; message: string };

const message = (failure: unknown): string => (failure instanceof ApiError ? failure.userMessage : t('error.generic'));

const when = (iso: string | null): string => (iso ? formatDateTime(iso) : '–');

/** One fact of a delivery: its name above its value (a group of the list, so the two stay together). */
const fact = (name: MessageKey, value: string, className?: string): HTMLDivElement =>
  el('div', {}, el('dt', { i18n: name }), el('dd', className ? { className, text: value } : { text: value }));

function healthOf(endpoint: WebhookEndpoint): Health {
  if (!endpoint.enabled) return 'disabled';
  if (endpoint.consecutiveFailures > 0) return 'failing';
  return endpoint.lastSuccessAt ? 'ok' : 'new';
}

/**
 * The console's webhooks page (#/webhooks, admins): add an endpoint (its secret is shown once, with a copy
 * button), see each endpoint's health (failing and turned-off ones stand out), edit, turn off, rotate the
 * secret, send a test event, delete; and the deliveries, newest first, with their outcome and a re-send.
 */
export function mountWebhooksPage(container: HTMLElement, context: PageContext): Unmount {
  let disposed = false;
  let eventTypes: string[] = [];
  let endpoints: EndpointsState = { kind: 'loading' };
  const editing = new Set<string>();
  const error = new InlineError();

  // The secret, shown once after an endpoint is added or its secret rotated.
  const secretValue = el('code', { className: 'webhook-secret-value', attrs: { 'data-field': 'secret' } });
  const secretText = el('p', { className: 'webhook-secret-text' });
  const copy = button('webhooks.copySecret', () => {
    void copyText(secretValue.textContent ?? '').then((copied) => toast(t(copied ? 'webhooks.copied' : 'webhooks.copyFailed'), copied ? 'info' : 'error'));
  }, { className: 'small' });
  const dismiss = button('webhooks.secretDone', () => {
    secretPanel.hidden = true;
    secretValue.textContent = '';
  }, { className: 'secondary small' });
  const secretPanel = el(
    'section',
    { className: 'webhook-secret notice', attrs: { 'role': 'status', 'aria-live': 'polite' } },
    secretText,
    el('div', { className: 'webhook-secret-row' }, secretValue, copy, dismiss),
  );
  secretPanel.hidden = true;
  const showSecret = (secret: string, key: 'webhooks.secretCreated' | 'webhooks.secretRotated', params?: Record<string, string>) => {
    secretText.replaceChildren(el('strong', params ? { i18n: key, params } : { i18n: key }), ' ', el('span', { i18n: 'webhooks.secretOnce' }));
    secretValue.textContent = secret;
    secretPanel.hidden = false;
    copy.focus();
  };

  // Adding an endpoint.
  const addForm = el('form', { className: 'webhook-form webhook-add', label: 'webhooks.addTitle' });
  const endpointList = el('ul', { className: 'webhook-endpoints', attrs: { 'aria-live': 'polite' } });

  // The deliveries.
  const endpointFilter = el('select', { attrs: { id: 'webhook-filter-endpoint' } });
  const statusFilter = el('select', { attrs: { id: 'webhook-filter-status' } });
  for (const [value, key] of [['', 'webhooks.statusAll'], ['pending', 'webhooks.status.pending'], ['succeeded', 'webhooks.status.succeeded'], ['failed', 'webhooks.status.failed']] as const) {
    statusFilter.append(el('option', { i18n: key, attrs: { value } }));
  }
  const deliveryList = el('ul', { className: 'webhook-deliveries', attrs: { 'aria-live': 'polite' } });
  const deliveries = el(
    'section',
    { className: 'webhook-deliveries-section' },
    el('h3', { i18n: 'webhooks.deliveries' }),
    el(
      'div',
      { className: 'webhook-filters' },
      el('div', { className: 'field' }, el('label', { i18n: 'webhooks.filterEndpoint', attrs: { for: 'webhook-filter-endpoint' } }), endpointFilter),
      el('div', { className: 'field' }, el('label', { i18n: 'webhooks.filterStatus', attrs: { for: 'webhook-filter-status' } }), statusFilter),
      button('webhooks.refresh', () => void loadDeliveries(), { className: 'secondary small' }),
    ),
    deliveryList,
  );

  const page = el(
    'div',
    { className: 'webhooks-page' },
    el('h2', { i18n: 'webhooks.title' }),
    el('p', { className: 'muted', i18n: 'webhooks.intro' }),
    error.element,
    secretPanel,
    addForm,
    el('h3', { i18n: 'webhooks.endpoints' }),
    endpointList,
    deliveries,
  );
  container.append(page);
  context.setTitle(t('webhooks.title'));

  /** A form for the URL and the event types: adding (empty) or editing (filled in). */
  const endpointFields = (form: HTMLFormElement, idPrefix: string, initial: WebhookEndpoint | null) => {
    const url = el('input', { attrs: { id: `${idPrefix}-url`, type: 'url', required: true, inputmode: 'url', spellcheck: 'false', placeholder: 'https://crm.example.com/hooks/liveroom' } });
    url.value = initial?.url ?? '';
    const boxes = eventTypes.map((type) => {
      const box = el('input', { attrs: { type: 'checkbox', value: type, id: `${idPrefix}-event-${type}` } });
      box.checked = initial ? initial.events.includes(type) : false;
      return { type, box };
    });
    form.replaceChildren(
      el('div', { className: 'field' }, el('label', { i18n: 'webhooks.url', attrs: { for: `${idPrefix}-url` } }), url),
      el(
        'fieldset',
        { className: 'webhook-events' },
        el('legend', { i18n: 'webhooks.events' }),
        ...boxes.map(({ type, box }) => el('label', { className: 'webhook-event' }, box, ' ', el('code', { text: type }))),
      ),
    );
    return { url, chosen: () => boxes.filter((b) => b.box.checked).map((b) => b.type) };
  };

  const renderAddForm = () => {
    const fields = endpointFields(addForm, 'webhook-new', null);
    const add = el('button', { i18n: 'webhooks.add', attrs: { type: 'submit' } });
    addForm.prepend(el('h3', { i18n: 'webhooks.addTitle' }));
    addForm.append(add);
    addForm.onsubmit = (event) => {
      event.preventDefault();
      error.clear();
      add.disabled = true;
      context
        .authed((token) => webhooksApi.create(token, fields.url.value.trim(), fields.chosen()))
        .then((created) => {
          showSecret(created.secret, 'webhooks.secretCreated');
          renderAddForm();
          return loadEndpoints();
        })
        .catch((failure: unknown) => error.show(message(failure)))
        .finally(() => {
          add.disabled = false;
        });
    };
  };

  const act = (work: (token: string) => Promise<unknown>, done?: () => void) => {
    error.clear();
    context
      .authed(work)
      .then(() => {
        done?.();
        return Promise.all([loadEndpoints(), loadDeliveries()]);
      })
      .catch((failure: unknown) => error.show(message(failure)));
  };

  const endpointCard = (endpoint: WebhookEndpoint): HTMLLIElement => {
    const health = healthOf(endpoint);
    const healthText =
      health === 'disabled'
        ? el('span', { i18n: 'webhooks.health.disabled', params: { reason: endpoint.disabledReason ?? t('webhooks.byAdmin') } })
        : health === 'failing'
          ? el('span', { i18n: 'webhooks.health.failing', params: { n: endpoint.consecutiveFailures, error: endpoint.lastFailure ?? '' } })
          : health === 'ok'
            ? el('span', { i18n: 'webhooks.health.ok', params: { time: when(endpoint.lastSuccessAt) } })
            : el('span', { i18n: 'webhooks.health.new' });
    const editForm = el('form', { className: 'webhook-form webhook-edit' });
    editForm.hidden = true;
    const edit = button('webhooks.edit', () => {
      editing.add(endpoint.id);
      const fields = endpointFields(editForm, `webhook-edit-${endpoint.id}`, endpoint);
      const save = el('button', { i18n: 'webhooks.save', attrs: { type: 'submit' } });
      editForm.append(el('div', { className: 'webhook-actions' }, save, button('webhooks.cancel', () => {
        editing.delete(endpoint.id);
        editForm.hidden = true;
        editForm.replaceChildren();
      }, { className: 'secondary' })));
      editForm.onsubmit = (event) => {
        event.preventDefault();
        act((token) => webhooksApi.update(token, endpoint.id, { url: fields.url.value.trim(), events: fields.chosen() }), () => editing.delete(endpoint.id));
      };
      editForm.hidden = false;
      fields.url.focus();
    }, { className: 'secondary small', attrs: { 'data-action': 'edit' } });
    const test = button('webhooks.test', () => act((token) => webhooksApi.test(token, endpoint.id)), { className: 'small', attrs: { 'data-action': 'test' } });
    test.disabled = !endpoint.enabled;
    const toggle = button(endpoint.enabled ? 'webhooks.disable' : 'webhooks.enable', () => act((token) => webhooksApi.update(token, endpoint.id, { enabled: !endpoint.enabled })), {
      className: 'secondary small',
      attrs: { 'data-action': endpoint.enabled ? 'disable' : 'enable' },
    });
    const rotate = button('webhooks.rotate', () => {
      void confirmDialog(t('webhooks.rotateConfirm'), 'webhooks.rotate', 'webhooks.cancel').then((sure) => {
        if (!sure) return;
        act((token) => webhooksApi.rotate(token, endpoint.id).then((rotated) => showSecret(rotated.secret, 'webhooks.secretRotated', { until: formatDateTime(rotated.previousSecretExpiresAt) })));
      });
    }, { className: 'secondary small', attrs: { 'data-action': 'rotate' } });
    const remove = button('webhooks.delete', () => {
      void confirmDialog(t('webhooks.deleteConfirm', { url: endpoint.url }), 'webhooks.delete', 'webhooks.cancel').then((sure) => {
        if (sure) act((token) => webhooksApi.remove(token, endpoint.id));
      });
    }, { className: 'danger small', attrs: { 'data-action': 'delete' } });
    const show = button('webhooks.showDeliveries', () => {
      endpointFilter.value = endpoint.id;
      void loadDeliveries();
      deliveries.scrollIntoView({ block: 'start' });
    }, { className: 'secondary small', attrs: { 'data-action': 'deliveries' } });
    return el(
      'li',
      { className: `webhook-endpoint health-${health}`, attrs: { 'data-endpoint-id': endpoint.id, 'data-health': health } },
      el('div', { className: 'webhook-endpoint-head' }, el('span', { className: `badge webhook-health-badge health-${health}`, i18n: `webhooks.badge.${health}` }), el('span', { className: 'webhook-url', text: endpoint.url })),
      el('p', { className: 'webhook-health' }, healthText),
      el('p', { className: 'webhook-event-list muted' }, ...endpoint.events.flatMap((type, i) => [i > 0 ? ' · ' : '', el('code', { text: type })])),
      endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > Date.now()
        ? el('p', { className: 'muted', i18n: 'webhooks.bothKeys', params: { until: formatDateTime(endpoint.previousSecretExpiresAt) } })
        : null,
      el('div', { className: 'webhook-actions' }, test, edit, toggle, rotate, show, remove),
      editForm,
    );
  };

  const renderEndpoints = () => {
    if (endpoints.kind === 'loading') {
      endpointList.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
      return;
    }
    if (endpoints.kind === 'failed') {
      endpointList.replaceChildren(el('li', { className: 'inline-error', text: endpoints.message }));
      return;
    }
    const list = endpoints.endpoints;
    page.dataset['endpoints'] = String(list.length);
    endpointList.replaceChildren(...(list.length > 0 ? list.map(endpointCard) : [el('li', { className: 'empty-state', i18n: 'webhooks.none' })]));
    const chosen = endpointFilter.value;
    endpointFilter.replaceChildren(el('option', { i18n: 'webhooks.endpointAll', attrs: { value: '' } }), ...list.map((e) => el('option', { text: e.url, attrs: { value: e.id } })));
    endpointFilter.value = list.some((e) => e.id === chosen) ? chosen : '';
  };

  const loadEndpoints = async () => {
    try {
      const list = await context.authed((token) => webhooksApi.list(token));
      if (disposed) return;
      endpoints = { kind: 'ready', endpoints: list };
    } catch (failure) {
      if (disposed) return;
      if (endpoints.kind === 'ready') return; // keep what is shown; the next refresh tries again
      endpoints = { kind: 'failed', message: message(failure) };
    }
    // An open edit form is not swept away by a refresh.
    if (editing.size === 0) renderEndpoints();
  };

  const deliveryRow = (delivery: WebhookDelivery): HTMLLIElement => {
    const resend = button('webhooks.resend', () => act((token) => webhooksApi.resend(token, delivery.id)), { className: 'secondary small', attrs: { 'data-action': 'resend' } });
    return el(
      'li',
      { className: `webhook-delivery status-${delivery.status}`, attrs: { 'data-delivery-id': delivery.id, 'data-status': delivery.status, 'data-event-id': delivery.eventId } },
      el(
        'div',
        { className: 'webhook-delivery-head' },
        el('span', { className: `badge webhook-outcome outcome-${delivery.status}`, i18n: `webhooks.status.${delivery.status}` }),
        el('code', { className: 'webhook-event-type', text: delivery.eventType }),
        el('span', { className: 'webhook-delivery-url muted', text: delivery.endpointUrl }),
        resend,
      ),
      el(
        'dl',
        { className: 'webhook-facts' },
        fact('webhooks.created', when(delivery.createdAt)),
        fact('webhooks.statusCode', delivery.lastStatusCode === null ? '–' : String(delivery.lastStatusCode), 'webhook-status-code'),
        fact('webhooks.attempts', String(delivery.attempts), 'webhook-attempts'),
        fact('webhooks.nextAttempt', delivery.status === 'pending' ? when(delivery.nextAttemptAt) : '–', 'webhook-next'),
      ),
      delivery.lastError ? el('p', { className: 'webhook-error', text: delivery.lastError }) : null,
    );
  };

  const loadDeliveries = async () => {
    try {
      const list = await context.authed((token) => webhooksApi.deliveries(token, endpointFilter.value || null, (statusFilter.value || null) as DeliveryStatus | null));
      if (disposed) return;
      deliveryList.replaceChildren(...(list.length > 0 ? list.map(deliveryRow) : [el('li', { className: 'empty-state', i18n: 'webhooks.noDeliveries' })]));
    } catch (failure) {
      if (!disposed) error.show(message(failure));
    }
  };

  endpointFilter.addEventListener('change', () => void loadDeliveries());
  statusFilter.addEventListener('change', () => void loadDeliveries());

  renderEndpoints();
  context
    .authed((token) => webhooksApi.eventTypes(token))
    .then((types) => {
      if (disposed) return;
      eventTypes = types;
      renderAddForm();
    })
    .catch((failure: unknown) => error.show(message(failure)));
  void loadEndpoints().then(() => loadDeliveries());
  const timer = window.setInterval(() => {
    void loadEndpoints();
    void loadDeliveries();
  }, REFRESH_MS);

  return () => {
    disposed = true;
    window.clearInterval(timer);
  };
}
