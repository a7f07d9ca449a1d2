import '../../shared/leads/leads.css';
import './leads.css';
import { api, ApiError } from '../../shared/api';
import { button, el, formatDateTime, InlineError } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { leadsApi } from '../../shared/leads/leads-api';
import type { Lead, LeadForm } from '../../shared/leads/types';
import type { StaffRoom } from '../../shared/types';
import type { PageContext, Unmount } from '../workspace';
import { channelSettings } from './channel-settings';
import { leadFormEditor } from './lead-form-editor';

/** What the page shows for the chosen room. */
type LeadsState =
  | { kind: 'noRoom' }
  | { kind: 'loading'; roomId: string }
  | { kind: 'failed'; roomId: string; message: string }
  | { kind: 'loaded'; roomId: string; leads: Lead[]; form: LeadForm };

const formatScore = (score: number): string => (Number.isInteger(score) ? String(score) : score.toFixed(1));

const message = (failure: unknown): string => (failure instanceof ApiError ? failure.userMessage : t('error.generic'));

/**
 * The console's leads (#/leads/{roomId}): who left their details in a room, the most engaged first (their
 * engagement score, docs/FUNNEL.md), with the consent
 * they gave (which wording, which language, when) and whether the team has contacted them; a CSV export;
 * and the room's form. The chosen room is in the address, so a link opens it.
 */
export function mountLeadsPage(container: HTMLElement, context: PageContext, params: readonly string[]): Unmount {
  let disposed = false;
  let rooms: StaffRoom[] = [];
  let state: LeadsState = { kind: 'noRoom' };

  const roomSelect = el('select', { className: 'leads-room', attrs: { id: 'leads-room' } });
  const exportButton = button('leads.export', () => void exportCsv(), { className: 'secondary leads-export' });
  const refresh = button('leads.refresh', () => state.kind !== 'noRoom' && void load(state.roomId), { className: 'secondary leads-refresh' });
  const count = el('p', { className: 'leads-count', attrs: { 'aria-live': 'polite' } });
  const error = new InlineError(0);
  const list = el('ul', { className: 'leads-list', attrs: { 'aria-busy': 'false' } });
  const formSlot = el('div', { className: 'leads-form-slot' });
  const page = el(
    'div',
    { className: 'leads-page' },
    el('h2', { i18n: 'leads.title' }),
    el('div', { className: 'leads-toolbar' }, el('div', { className: 'field' }, el('label', { i18n: 'leads.room', attrs: { for: roomSelect.id } }), roomSelect), refresh, exportButton),
    count,
    error.element,
    list,
    formSlot,
  );
  container.append(page);
  context.setTitle(t('leads.title'));

  const render = () => {
    page.dataset['state'] = state.kind;
    exportButton.disabled = state.kind !== 'loaded' || state.leads.length === 0;
    refresh.disabled = state.kind === 'noRoom' || state.kind === 'loading';
    list.setAttribute('aria-busy', String(state.kind === 'loading'));
    switch (state.kind) {
      case 'noRoom':
        count.textContent = '';
        list.replaceChildren(el('li', { className: 'empty-state', i18n: rooms.length === 0 ? 'leads.noRooms' : 'leads.pickRoom' }));
        formSlot.replaceChildren();
        return;
      case 'loading':
        list.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
        return;
      case 'failed':
        count.textContent = '';
        list.replaceChildren();
        error.show(state.message);
        return;
      case 'loaded': {
        error.clear();
        bind(count, state.leads.length > 1 ? 'leads.countByScore' : 'leads.count', { count: state.leads.length });
        page.dataset['count'] = String(state.leads.length);
        list.replaceChildren(...(state.leads.length > 0 ? state.leads.map(row) : [el('li', { className: 'empty-state', i18n: 'leads.none' })]));
        const roomId = state.roomId;
        formSlot.replaceChildren(
          leadFormEditor(context, roomId, state.form, (form) => {
            if (state.kind === 'loaded' && state.roomId === roomId) state = { ...state, form };
          }),
          channelSettings(context, roomId),
        );
        return;
      }
    }
  };

  const row = (lead: Lead): HTMLLIElement => {
    const contacted = el('input', { attrs: { type: 'checkbox', id: `lead-contacted-${lead.id}` } });
    contacted.checked = lead.contactedAt !== null;
    bind(contacted, 'leads.markContacted', { name: lead.name ?? t('leads.anonymous') }, 'aria-label');
    contacted.addEventListener('change', () => {
      const wanted = contacted.checked;
      contacted.disabled = true;
      context
        .authed((token) => leadsApi.setContacted(token, lead.roomId, lead.id, wanted))
        .then((updated) => item.classList.toggle('contacted', updated.contactedAt !== null))
        .catch((failure: unknown) => {
          contacted.checked = !wanted;
          error.show(message(failure));
        })
        .finally(() => (contacted.disabled = false));
    });
    const consent = el('p', { className: 'lead-consent-line muted' });
    bind(consent, 'leads.consentShown', { version: lead.consent.version, locale: lead.consent.locale, when: formatDateTime(lead.consent.at) });
    const contact = [lead.phone, lead.email].filter((part): part is string => part !== null);
    const item = el(
      'li',
      { className: `lead-item${lead.contactedAt ? ' contacted' : ''}`, attrs: { 'data-lead-id': lead.id } },
      el(
        'div',
        { className: 'lead-head' },
        el('strong', { className: 'lead-name', text: lead.name ?? t('leads.anonymous') }),
        scoreBadge(lead),
        lead.company ? el('span', { className: 'lead-company', text: lead.company }) : null,
        lead.source === 'callBack' ? el('span', { className: 'badge lead-source', i18n: 'leads.fromCallBack' }) : null,
        lead.marketingConsent ? el('span', { className: 'badge lead-marketing-badge', i18n: 'leads.marketing' }) : null,
        el('label', { className: 'lead-contacted', attrs: { for: contacted.id } }, contacted, ' ', el('span', { i18n: 'leads.contacted' })),
      ),
      el('p', { className: 'lead-contact', text: contact.join(' · ') }),
      lead.note ? el('p', { className: 'lead-note-text', text: lead.note }) : null,
      consent,
    );
    return item;
  };

  const scoreBadge = (lead: Lead): HTMLElement => {
    const score = lead.score ?? 0;
    const badge = el('span', { className: 'badge lead-score', text: formatScore(score), attrs: { 'data-score': String(score) } });
    bind(badge, 'leads.scoreTitle', { score: formatScore(score) }, 'title');
    bind(badge, 'leads.scoreTitle', { score: formatScore(score) }, 'aria-label');
    return badge;
  };

  const load = async (roomId: string) => {
    state = { kind: 'loading', roomId };
    render();
    try {
      const [leads, view] = await Promise.all([
        context.authed((token) => leadsApi.list(token, roomId)),
        context.authed((token) => leadsApi.getForm(token, roomId)),
      ]);
      if (disposed || state.kind !== 'loading' || state.roomId !== roomId) return;
      // The server sends the most engaged first; kept so here whatever order a list arrives in.
      const byScore = [...leads].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
      state = { kind: 'loaded', roomId, leads: byScore, form: view.form };
    } catch (failure) {
      if (disposed) return;
      state = { kind: 'failed', roomId, message: message(failure) };
    }
    render();
  };

  const exportCsv = async () => {
    if (state.kind !== 'loaded') return;
    const roomId = state.roomId;
    try {
      await context.authed((token) => leadsApi.downloadCsv(token, roomId));
    } catch (failure) {
      error.show(message(failure));
    }
  };

  roomSelect.addEventListener('change', () => {
    const roomId = roomSelect.value;
    history.replaceState(null, '', roomId ? `#/leads/${encodeURIComponent(roomId)}` : '#/leads');
    if (roomId) void load(roomId);
    else {
      state = { kind: 'noRoom' };
      render();
    }
  });

  void context
    .authed((token) => api.listRooms(token))
    .then((found) => {
      if (disposed) return;
      rooms = found;
      roomSelect.replaceChildren(el('option', { i18n: 'leads.pickRoom', attrs: { value: '' } }), ...rooms.map((room) => el('option', { text: room.title, attrs: { value: room.id } })));
      const wanted = params[0];
      if (wanted && rooms.some((room) => room.id === wanted)) {
        roomSelect.value = wanted;
        void load(wanted);
      } else render();
    })
    .catch((failure: unknown) => {
      if (!disposed) error.show(message(failure));
    });
  render();

  return () => {
    disposed = true;
  };
}
