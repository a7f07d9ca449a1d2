import { canModerate } from '../../shared/types';
import type { WorkspacePage } from '../workspace';
import { mountCallsPage } from './calls-page';

/** Calls: take viewers aside into private video calls (docs/CALLS.md). Admins, hosts and agents take calls; marketers do not. */
export const callsPage: WorkspacePage = {
  id: 'calls',
  label: 'nav.calls',
  icon: 'calls',
  allowed: canModerate,
  mount: (container, context) => mountCallsPage(container, context),
};
