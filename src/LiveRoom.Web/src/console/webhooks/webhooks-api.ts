import { request } from '../../shared/api';

// The admin API of the CRM webhooks (docs/WEBHOOKS.md).

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailure: string | null;
  consecutiveFailures: number;
  previousSecretExpiresAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  endpointUrl: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
}

export interface CreatedEndpoint {
  id: string;
  secret: string;
}

export interface RotatedSecret {
  id: string;
  secret: string;
  previousSecretExpiresAt: string;
}

export interface EndpointChange {
  url?: string;
  events?: string[];
  enabled?: boolean;
}

const path = (id: string): string => `/api/webhooks/${encodeURIComponent(id)}`;

export const webhooksApi = {
  eventTypes: (token: string) => request<string[]>('GET', '/api/webhooks/event-types', { token }),
  list: (token: string) => request<WebhookEndpoint[]>('GET', '/api/webhooks', { token }),
  create: (token: string, url: string, events: string[]) => request<CreatedEndpoint>('POST', '/api/webhooks', { token, body: { url, events } }),
  update: (token: string, id: string, change: EndpointChange) => request<WebhookEndpoint>('PATCH', path(id), { token, body: change }),
  remove: (token: string, id: string) => request<void>('DELETE', path(id), { token }),
  rotate: (token: string, id: string) => request<RotatedSecret>('POST', `${path(id)}/rotate`, { token }),
  test: (token: string, id: string) => request<WebhookDelivery>('POST', `${path(id)}/test`, { token }),
  deliveries: (token: string, endpointId: string | null, status: DeliveryStatus | null) => {
    const query = new URLSearchParams({ limit: '100' });
    if (endpointId) query.set('endpointId', endpointId);
    if (status) query.set('status', status);
    return request<WebhookDelivery[]>('GET', `/api/webhooks/deliveries?${query.toString()}`, { token });
  },
  resend: (token: string, deliveryId: string) =>
    request<WebhookDelivery>('POST', `/api/webhooks/deliveries/${encodeURIComponent(deliveryId)}/resend`, { token }),
};
