import type { WorkspacePage } from '../workspace';
import { mountWebhooksPage } from './webhooks-page';

/** Webhooks: the CRM endpoints that LiveRoom's events are sent to, their health, and every delivery. Admins only. */
export const webhooksPage: WorkspacePage = {
  id: 'webhooks',
  label: 'nav.webhooks',
  icon: 'webhooks',
  allowed: (role) => role === 'admin',
  mount: (container, context) => mountWebhooksPage(container, context),
};
