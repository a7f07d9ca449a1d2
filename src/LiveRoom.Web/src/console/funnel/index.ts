import { canMarket } from '../../shared/types';
import type { WorkspacePage } from '../workspace';
import { mountFunnelPage } from './funnel-page';

/** The conversion funnel: a room's or every room's audience step by step, its stream over time, the agents' calls. */
export const funnelPage: WorkspacePage = {
  id: 'funnel',
  label: 'funnel.nav',
  icon: 'funnel',
  allowed: canMarket,
  mount: (container, context, params) => mountFunnelPage(container, context, params),
};
