import './funnel.css';
import { api, ApiError } from '../../shared/api';
import { button, el, formatDateTime, formatTime, InlineError } from '../../shared/dom';
import { bind, locale, onLanguageChange, t, type MessageKey } from '../../shared/i18n';
import type { StaffRoom } from '../../shared/types';
import type { PageContext, Unmount } from '../workspace';
import { funnelApi, type AgentFigures, type FunnelRange, type FunnelReport, type FunnelStep, type FunnelTimeline } from './funnel-api';
import { markerLabel, timelineChart } from './funnel-chart';

/** Which audience the page shows: one room's or every room's (roomId null), in a date range. */
interface Scope {
  roomId: string | null;
  range: FunnelRange;
}

/** What the page shows. */
type FunnelState =
  | { kind: 'loading'; scope: Scope }
  | { kind: 'failed'; scope: Scope; message: string }
  | { kind: 'loaded'; scope: Scope; report: FunnelReport; timeline: FunnelTimeline | null };

const message = (failure: unknown): string => (failure instanceof ApiError ? failure.userMessage : t('error.generic'));

const number = (value: number): string => new Intl.NumberFormat(locale()).format(value);

const percent = (value: number | null): string =>
  value === null ? '—' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** A duration as minutes and seconds ("3 min 20 s"), or seconds alone under a minute. */
const duration = (totalSeconds: number): string => {
  const rounded = Math.round(totalSeconds);
  const minutes = Math.floor(rounded / 60);
  const seconds = rounded % 60;
  return minutes > 0 ? t('funnel.minutesSeconds', { minutes: number(minutes), seconds }) : t('funnel.seconds', { seconds });
};

const stepKey = (step: FunnelStep): MessageKey => `funnel.step.${step.step}`;

/**
 * The console's funnel (#/funnel for every room, #/funnel/{roomId} for one): the audience step by step with the
 * rate between steps, the stream's viewers and chat minute by minute with its marked moments (one room), the
 * agents' calls, and a CSV export of it all.
 */
export function mountFunnelPage(container: HTMLElement, context: PageContext, params: readonly string[]): Unmount {
  let disposed = false;
  let rooms: StaffRoom[] = [];
  let state: FunnelState = { kind: 'loading', scope: { roomId: params[0] ?? null, range: { from: '', to: '' } } };
  let chart: { destroy(): void } | null = null;

  const roomSelect = el('select', { className: 'funnel-room', attrs: { id: 'funnel-room' } });
  const fromInput = el('input', { attrs: { type: 'date', id: 'funnel-from' } });
  const toInput = el('input', { attrs: { type: 'date', id: 'funnel-to' } });
  const refresh = button('funnel.refresh', () => void load(state.scope), { className: 'secondary funnel-refresh' });
  const exportButton = button('funnel.export', () => void exportCsv(), { className: 'secondary funnel-export' });
  const status = el('p', { className: 'funnel-status muted', attrs: { 'aria-live': 'polite' } });
  const error = new InlineError(0);
  const figures = el('dl', { className: 'funnel-figures' });
  const steps = el('section', { className: 'funnel-steps', attrs: { 'aria-labelledby': 'funnel-steps-title' } });
  const timeline = el('section', { className: 'funnel-timeline', attrs: { 'aria-labelledby': 'funnel-timeline-title' } });
  const agents = el('section', { className: 'funnel-agents', attrs: { 'aria-labelledby': 'funnel-agents-title' } });
  const body = el('div', { className: 'funnel-body', attrs: { 'aria-busy': 'true' } }, figures, steps, timeline, agents);
  const field = (labelKey: MessageKey, control: HTMLElement) => el('div', { className: 'field' }, el('label', { i18n: labelKey, attrs: { for: control.id } }), control);
  const page = el(
    'div',
    { className: 'funnel-page' },
    el('h2', { i18n: 'funnel.title' }),
    el('div', { className: 'funnel-toolbar' }, field('funnel.room', roomSelect), field('funnel.from', fromInput), field('funnel.to', toInput), refresh, exportButton),
    status,
    error.element,
    body,
  );
  container.append(page);
  context.setTitle(t('funnel.title'));

  const dropChart = () => {
    chart?.destroy();
    chart = null;
  };

  const render = () => {
    page.dataset['state'] = state.kind;
    body.setAttribute('aria-busy', String(state.kind === 'loading'));
    refresh.disabled = state.kind === 'loading';
    exportButton.disabled = state.kind !== 'loaded';
    switch (state.kind) {
      case 'loading':
        bind(status, 'loading');
        return;
      case 'failed':
        status.textContent = '';
        error.show(state.message);
        return;
      case 'loaded': {
        error.clear();
        const { report } = state;
        page.dataset['viewers'] = String(report.viewers);
        bind(status, report.roomId ? 'funnel.scopeRoom' : 'funnel.scopeAll', { title: roomTitle(report.roomId) });
        renderFigures(report);
        renderSteps(report);
        renderTimeline(state.scope.roomId, state.timeline);
        renderAgents(report.agents);
        return;
      }
    }
  };

  const roomTitle = (roomId: string | null): string => rooms.find((room) => room.id === roomId)?.title ?? roomId ?? '';

  const figure = (name: string, labelKey: MessageKey, value: string, detail?: string) =>
    el('div', { className: 'funnel-figure', attrs: { 'data-figure': name } }, el('dt', { i18n: labelKey }), el('dd', { className: 'funnel-value', text: value }), detail ? el('dd', { className: 'funnel-detail muted', text: detail }) : null);

  const renderFigures = (report: FunnelReport) => {
    const totals = report.totals;
    const step = (name: FunnelStep['step']) => report.steps.find((s) => s.step === name)?.count ?? 0;
    figures.replaceChildren(
      figure('viewers', 'funnel.fig.viewers', number(report.viewers), t('funnel.fig.joins', { count: number(totals.joins) })),
      figure('peak', 'funnel.fig.peak', number(report.peakViewers), report.peakAt ? t('funnel.fig.peakAt', { when: formatDateTime(report.peakAt) }) : undefined),
      figure('watch', 'funnel.fig.watch', duration(report.averageWatchSeconds)),
      figure('chatters', 'funnel.fig.chatters', number(step('chatters')), t('funnel.fig.messages', { count: number(totals.chatMessages) })),
      figure('questioners', 'funnel.fig.questioners', number(step('questioners')), t('funnel.fig.questions', { count: number(totals.questions), upvotes: number(totals.upvotes) })),
      figure('cards', 'funnel.fig.cardClicks', number(totals.cardClicks), t('funnel.fig.clickers', { count: number(step('cardClickers')) })),
      figure('channel', 'funnel.fig.channel', number(totals.channelVisits), t('funnel.fig.qr', { count: number(totals.qrScans) })),
      figure('calls', 'funnel.fig.calls', `${number(totals.callRequests)} / ${number(totals.callsAccepted)} / ${number(totals.callsCompleted)}`, t('funnel.fig.callsDetail')),
      figure('leads', 'funnel.fig.leads', number(totals.leads)),
    );
  };

  const renderSteps = (report: FunnelReport) => {
    const title = el('h3', { i18n: 'funnel.stepsTitle', attrs: { id: 'funnel-steps-title' } });
    if (report.viewers === 0) {
      steps.replaceChildren(title, el('p', { className: 'empty-state', i18n: 'funnel.noViewers' }));
      return;
    }
    const row = (step: FunnelStep) => {
      const bar = el('span', { className: 'funnel-bar-fill' });
      bar.style.width = `${Math.round(Math.min(1, step.ofViewers ?? 0) * 100)}%`;
      return el(
        'tr',
        { attrs: { 'data-step': step.step } },
        el('th', { i18n: stepKey(step), attrs: { scope: 'row' } }),
        el('td', { className: 'funnel-count', text: number(step.count) }),
        el('td', { className: 'funnel-rate', text: percent(step.ofPrevious) }),
        el('td', { className: 'funnel-rate', text: percent(step.ofViewers) }),
        el('td', { className: 'funnel-bar', attrs: { 'aria-hidden': 'true' } }, el('span', { className: 'funnel-bar-track' }, bar)),
      );
    };
    steps.replaceChildren(
      title,
      el(
        'div',
        { className: 'table-scroll' },
        el(
          'table',
          { className: 'funnel-table' },
          el('thead', {}, el('tr', {}, el('th', { i18n: 'funnel.col.step', attrs: { scope: 'col' } }), el('th', { i18n: 'funnel.col.count', attrs: { scope: 'col' } }), el('th', { i18n: 'funnel.col.ofPrevious', attrs: { scope: 'col' } }), el('th', { i18n: 'funnel.col.ofViewers', attrs: { scope: 'col' } }), el('td', { className: 'funnel-bar', attrs: { 'aria-hidden': 'true' } }))),
          el('tbody', {}, ...report.steps.map(row)),
        ),
      ),
    );
  };

  const renderTimeline = (roomId: string | null, data: FunnelTimeline | null) => {
    dropChart();
    const title = el('h3', { i18n: 'funnel.timelineTitle', attrs: { id: 'funnel-timeline-title' } });
    if (!roomId || !data) {
      timeline.replaceChildren(title, el('p', { className: 'empty-state', i18n: 'funnel.pickRoomForChart' }));
      return;
    }
    if (data.points.length === 0) {
      timeline.replaceChildren(title, el('p', { className: 'empty-state', i18n: 'funnel.noTimeline' }));
      return;
    }
    const peak = data.points.reduce((best, point) => (point.viewers > best.viewers ? point : best), data.points[0]!);
    const chats = data.points.reduce((sum, point) => sum + point.chats, 0);
    const plot = el('div', { className: 'funnel-chart', attrs: { 'role': 'img', 'data-points': String(data.points.length) } });
    bind(plot, 'funnel.chartSummary', { peak: number(peak.viewers), when: formatTime(peak.at), chats: number(chats), minutes: number(data.points.length) }, 'aria-label');
    const markers = data.markers.length === 0
      ? el('p', { className: 'muted funnel-no-markers', i18n: 'funnel.noMarkers' })
      : el('ul', { className: 'funnel-markers' }, ...data.markers.map((marker) => el('li', { attrs: { 'data-kind': marker.kind } }, el('strong', { text: markerLabel(marker) }), ' ', el('span', { className: 'muted', text: formatDateTime(marker.at) }))));
    timeline.replaceChildren(title, el('p', { className: 'muted funnel-chart-hint', i18n: 'funnel.chartHint' }), plot, markers);
    // Drawn once the section is in the page, so the chart takes the width it is given.
    chart = timelineChart(plot, data);
  };

  const renderAgents = (list: readonly AgentFigures[]) => {
    const title = el('h3', { i18n: 'funnel.agentsTitle', attrs: { id: 'funnel-agents-title' } });
    if (list.length === 0) {
      agents.replaceChildren(title, el('p', { className: 'empty-state', i18n: 'funnel.noCalls' }));
      return;
    }
    const row = (agent: AgentFigures) =>
      el(
        'tr',
        { attrs: { 'data-agent-id': agent.agentId } },
        el('th', { text: agent.displayName, attrs: { scope: 'row' } }),
        el('td', { text: number(agent.calls) }),
        el('td', { text: duration(agent.averageWaitSeconds) }),
        el('td', { text: agent.averageHandleSeconds === null ? '—' : duration(agent.averageHandleSeconds) }),
        el('td', { text: agent.averageRating === null ? '—' : t('funnel.rating', { rating: agent.averageRating.toFixed(1), count: number(agent.ratings) }) }),
      );
    agents.replaceChildren(
      title,
      el(
        'div',
        { className: 'table-scroll' },
        el(
          'table',
          { className: 'funnel-table funnel-agent-table' },
          el('thead', {}, el('tr', {}, ...(['funnel.col.agent', 'funnel.col.calls', 'funnel.col.wait', 'funnel.col.handle', 'funnel.col.rating'] as const).map((key) => el('th', { i18n: key, attrs: { scope: 'col' } })))),
          el('tbody', {}, ...list.map(row)),
        ),
      ),
    );
  };

  const load = async (scope: Scope) => {
    state = { kind: 'loading', scope };
    render();
    try {
      const [report, data] = await Promise.all([
        context.authed((token) => funnelApi.report(token, scope.roomId, scope.range)),
        scope.roomId ? context.authed((token) => funnelApi.timeline(token, scope.roomId!, scope.range)) : Promise.resolve(null),
      ]);
      if (disposed || state.scope !== scope) return;
      state = { kind: 'loaded', scope, report, timeline: data };
    } catch (failure) {
      if (disposed || state.scope !== scope) return;
      state = { kind: 'failed', scope, message: message(failure) };
    }
    render();
  };

  const exportCsv = async () => {
    if (state.kind !== 'loaded') return;
    const { roomId, range } = state.scope;
    try {
      await context.authed((token) => funnelApi.downloadCsv(token, roomId, range));
    } catch (failure) {
      error.show(message(failure));
    }
  };

  const scopeFromControls = (): Scope => ({ roomId: roomSelect.value || null, range: { from: fromInput.value, to: toInput.value } });

  roomSelect.addEventListener('change', () => {
    const roomId = roomSelect.value;
    history.replaceState(null, '', roomId ? `#/funnel/${encodeURIComponent(roomId)}` : '#/funnel');
    void load(scopeFromControls());
  });
  for (const input of [fromInput, toInput]) input.addEventListener('change', () => void load(scopeFromControls()));

  const stopLanguage = onLanguageChange(() => {
    if (state.kind === 'loaded') render();
  });

  void context
    .authed((token) => api.listRooms(token))
    .then((found) => {
      if (disposed) return;
      rooms = found;
      roomSelect.replaceChildren(el('option', { i18n: 'funnel.allRooms', attrs: { value: '' } }), ...rooms.map((room) => el('option', { text: room.title, attrs: { value: room.id } })));
      const wanted = params[0];
      roomSelect.value = wanted && rooms.some((room) => room.id === wanted) ? wanted : '';
      void load(scopeFromControls());
    })
    .catch((failure: unknown) => {
      if (!disposed) error.show(message(failure));
    });
  render();

  return () => {
    disposed = true;
    stopLanguage();
    dropChart();
  };
}
