import { button, el, InlineError } from '../../shared/dom';
import { bind } from '../../shared/i18n';
import type { CallsClient } from '../../shared/calls/client';
import { callErrorMessage } from '../../shared/calls/refusals';
import type { CallSession } from '../../shared/calls/session';
import type { AgentView } from '../../shared/calls/types';

/** A call has at most this many people (docs/CALLS.md, three-party calls). */
const MAX_PARTICIPANTS = 3;

let panels = 0;

/**
 * "Invite a colleague" under an agent's call: a disclosure button that lists the colleagues who could
 * join now (`ListAgents`: available, with room for a call, not oneself, not in the call yet), each with
 * "Invite" (`InviteToCall`). Hidden while the call is full.
 */
export class InvitePanel {
  readonly element: HTMLElement;
  readonly toggle: HTMLButtonElement;
  private readonly _panel: HTMLElement;
  private readonly _list = el('ul', { className: 'invite-list' });
  private readonly _status = el('p', { className: 'invite-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  private readonly _error = new InlineError();
  private readonly _invited = new Set<string>();
  private readonly _stop: () => void;

  constructor(
    private readonly _session: CallSession,
    private readonly _calls: CallsClient,
    private readonly _selfId: string,
  ) {
    const id = `invite-panel-${++panels}`;
    this.toggle = button('calls.invite', () => this._setOpen(this._panel.hidden), {
      className: 'call-control call-invite secondary',
      attrs: { 'aria-expanded': 'false', 'aria-controls': id },
    });
    const refresh = button('calls.inviteRefresh', () => void this._load(), { className: 'secondary small invite-refresh' });
    this._panel = el(
      'section',
      { className: 'invite-panel', label: 'calls.invite', attrs: { id } },
      el('div', { className: 'invite-head' }, el('h4', { i18n: 'calls.inviteTitle' }), refresh),
      this._error.element,
      this._list,
      this._status,
    );
    this._panel.hidden = true;
    this.element = this._panel;
    this._stop = _session.onChange(() => this._render());
    this._render();
  }

  dispose(): void {
    this._stop();
  }

  private _render(): void {
    const full = this._session.participants.length >= MAX_PARTICIPANTS;
    const ended = this._session.state.kind === 'ended';
    this.toggle.hidden = full || ended;
    if ((full || ended) && !this._panel.hidden) this._setOpen(false);
    for (const participant of this._session.participants) {
      if (this._invited.delete(participant.id)) bind(this._status, 'calls.inviteJoined', { name: participant.displayName });
    }
  }

  private _setOpen(open: boolean): void {
    this._panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) void this._load();
  }

  private async _load(): Promise<void> {
    this._error.clear();
    this._list.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
    try {
      const agents = await this._calls.listAgents();
      this._show(agents);
    } catch (failure) {
      this._list.replaceChildren();
      this._error.show(callErrorMessage(failure));
    }
  }

  private _show(agents: AgentView[]): void {
    const inCall = new Set(this._session.participants.map((participant) => participant.id));
    const free = agents.filter(
      (agent) => agent.agentId !== this._selfId && !inCall.has(agent.agentId) && agent.status.available && agent.status.activeCalls < agent.status.capacity,
    );
    if (free.length === 0) {
      this._list.replaceChildren(el('li', { className: 'empty-state invite-empty', i18n: 'calls.inviteNobody' }));
      return;
    }
    this._list.replaceChildren(
      ...free.map((agent) => {
        const invite = button('calls.inviteOne', () => this._invite(agent, invite), {
          className: 'small invite-agent',
          label: 'calls.inviteLabel',
          labelParams: { name: agent.displayName },
        });
        if (this._invited.has(agent.agentId)) {
          invite.disabled = true;
          bind(invite, 'calls.invited');
        }
        return el(
          'li',
          { className: 'invite-row', attrs: { 'data-agent-id': agent.agentId } },
          el('span', { className: 'invite-name', text: agent.displayName }),
          el('span', { className: 'invite-load muted', i18n: 'calls.status', params: { active: agent.status.activeCalls, capacity: agent.status.capacity } }),
          invite,
        );
      }),
    );
  }

  private _invite(agent: AgentView, control: HTMLButtonElement): void {
    this._error.clear();
    control.disabled = true;
    this._calls
      .inviteToCall(this._session.callId, agent.agentId)
      .then(() => {
        this._invited.add(agent.agentId);
        bind(control, 'calls.invited');
        bind(this._status, 'calls.inviteSent', { name: agent.displayName });
      })
      .catch((failure: unknown) => {
        control.disabled = false;
        this._error.show(callErrorMessage(failure));
      });
  }
}
