import { callHistoryPage } from './call-history';
import { callsPage } from './calls';
import { funnelPage } from './funnel';
import { leadsPage } from './leads';
import { liveDeskPage } from './live-desk';
import { roomsPage } from './rooms';
import { webhooksPage } from './webhooks';
import type { WorkspacePage } from './workspace';

/** The console's pages, in navigation order. A new page is one folder and one line here (README.md). */
export const workspacePages: readonly WorkspacePage[] = [
  roomsPage,
  liveDeskPage,
  callsPage,
  callHistoryPage,
  leadsPage,
  funnelPage,
  webhooksPage,
];
