import type { WorkspacePage } from '../workspace';
import { mountCallsPage } from './calls-page';

/** Calls: take viewers aside into private video calls (docs/CALLS.md). Any staff member may serve queues. */
export const callsPage: WorkspacePage = {
  id: 'calls',
  label: 'nav.calls',
  icon: 'calls',
  mount: (container, context) => mountCallsPage(container, context),
};
