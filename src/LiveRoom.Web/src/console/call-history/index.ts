import { canModerate } from '../../shared/types';
import type { WorkspacePage } from '../workspace';
import { mountCallHistoryPage } from './history-page';

/** Call history: past private calls with their wait, length, people, outcome, stars, note, recording and files. */
export const callHistoryPage: WorkspacePage = {
  id: 'call-history',
  label: 'nav.callHistory',
  icon: 'history',
  allowed: canModerate,
  mount: (container, context, params) => mountCallHistoryPage(container, context, params),
};
