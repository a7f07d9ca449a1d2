import { canMarket } from '../../shared/types';
import type { WorkspacePage } from '../workspace';
import { mountLeadsPage } from './leads-page';

/** Leads: who left their details in a room, with their consent; mark them contacted, export them, set the room's form. */
export const leadsPage: WorkspacePage = {
  id: 'leads',
  label: 'leads.nav',
  icon: 'leads',
  allowed: canMarket,
  mount: (container, context, params) => mountLeadsPage(container, context, params),
};
