import '../shared/leads/leads.css';
import { ApiError } from '../shared/api';
import { button, el, formatDateTime, InlineError } from '../shared/dom';
import { bind, language, onLanguageChange, t, type MessageKey } from '../shared/i18n';
import { leadsApi } from '../shared/leads/leads-api';
import { LEAD_FIELDS, type Lead, type LeadFieldName, type LeadForm, type LeadFormView } from '../shared/leads/types';

/** Where the viewer stands with the room's lead form. */
type LeadPanelState =
  | { kind: 'waiting' }
  | { kind: 'loading' }
  | { kind: 'failed' }
  /** The room does not collect details: the tab is hidden. */
  | { kind: 'closed' }
  /** The form; `sending` while the details are on their way (the form stays as the viewer filled it). */
  | { kind: 'editing'; form: LeadForm; mine: Lead | null; note: MessageKey | null; sending: boolean }
  | { kind: 'left'; form: LeadForm; mine: Lead; justSent: boolean };

const LABELS: Readonly<Record<LeadFieldName, MessageKey>> = {
  name: 'lead.name',
  phone: 'lead.phone',
  email: 'lead.email',
  company: 'lead.company',
  note: 'lead.note',
};

const INPUTS: Readonly<Record<LeadFieldName, { type: string; autocomplete: string; maxLength: number }>> = {
  name: { type: 'text', autocomplete: 'name', maxLength: 100 },
  phone: { type: 'tel', autocomplete: 'tel', maxLength: 32 },
  email: { type: 'email', autocomplete: 'email', maxLength: 254 },
  company: { type: 'text', autocomplete: 'organization', maxLength: 200 },
  note: { type: 'text', autocomplete: 'off', maxLength: 2000 },
};

let panels = 0;

/**
 * "Contact me": the room's lead form (docs/LEADS.md). The fields are the ones the room asks for; the consent
 * box is unticked and its text is the room's own, in the page's language, sent back with its version so the
 * server stores exactly what the viewer read. The marketing opt-in is separate and optional. A viewer who
 * left details sees them and can change them (sending again updates).
 */
export class LeadPanel {
  readonly element = el('div', { className: 'lead-panel', attrs: { 'data-state': 'waiting' } });
  /** Told whether the room collects details (the page shows or hides the tab). */
  onAvailable: (available: boolean) => void = () => {};
  private readonly _id = `lead-${++panels}`;
  private readonly _error = new InlineError(0);
  private _state: LeadPanelState = { kind: 'waiting' };
  private _token: () => string | null = () => null;
  /** What the viewer typed, kept when the form is drawn again (a new consent wording, a language switch). */
  private _draft: Partial<Record<LeadFieldName, string>> = {};

  constructor(private readonly _roomId: string) {
    onLanguageChange(() => {
      if (this._state.kind === 'editing') this._render();
    });
  }

  /** Starts with the viewer's identity: loads the form and what they left before. */
  attach(token: () => string | null): void {
    this._token = token;
    this._load(null);
  }

  private _load(note: MessageKey | null): void {
    const token = this._token();
    if (!token) return;
    this._set({ kind: 'loading' });
    leadsApi
      .getForm(token, this._roomId)
      .then((view) => this._loaded(view, note))
      .catch(() => this._set({ kind: 'failed' }));
  }

  private _loaded({ form, mine }: LeadFormView, note: MessageKey | null): void {
    if (!form.enabled) this._set({ kind: 'closed' });
    else if (mine && note === null) this._set({ kind: 'left', form, mine, justSent: false });
    else this._set({ kind: 'editing', form, mine, note, sending: false });
  }

  private _set(state: LeadPanelState): void {
    this._state = state;
    this.onAvailable(state.kind !== 'closed');
    this._render();
  }

  private _render(): void {
    const state = this._state;
    this.element.dataset['state'] = state.kind;
    this._error.clear();
    switch (state.kind) {
      case 'waiting':
      case 'closed':
        this.element.replaceChildren();
        return;
      case 'loading':
        this.element.replaceChildren(el('p', { className: 'lead-status', i18n: 'lead.loading', attrs: { role: 'status' } }));
        return;
      case 'failed':
        this.element.replaceChildren(
          el('p', { className: 'lead-status', i18n: 'lead.loadFailed', attrs: { role: 'alert' } }),
          button('lead.retry', () => this._load(null), { className: 'secondary' }),
        );
        return;
      case 'left':
        this.element.replaceChildren(this._leftView(state.mine, state.justSent, state.form));
        return;
      case 'editing':
        this.element.replaceChildren(this._formView(state.form, state.mine, state.note));
        return;
    }
  }

  private _leftView(mine: Lead, justSent: boolean, form: LeadForm): HTMLElement {
    const left = el('p', { className: 'lead-left' });
    bind(left, 'lead.left', { when: formatDateTime(mine.updatedAt) });
    return el(
      'div',
      { className: 'lead-done', attrs: { 'aria-live': 'polite' } },
      justSent ? el('p', { className: 'lead-sent', i18n: 'lead.sent', attrs: { role: 'status' } }) : null,
      left,
      button('lead.edit', () => this._set({ kind: 'editing', form, mine, note: null, sending: false }), { className: 'secondary lead-edit' }),
    );
  }

  private _formView(form: LeadForm, mine: Lead | null, note: MessageKey | null): HTMLFormElement {
    const inputs = new Map<LeadFieldName, HTMLInputElement | HTMLTextAreaElement>();
    const rows: HTMLElement[] = [];
    for (const name of LEAD_FIELDS) {
      const mode = form.fields[name];
      if (mode === 'off') continue;
      const spec = INPUTS[name];
      const input = name === 'note' ? el('textarea', { attrs: { name, rows: '3', maxlength: String(spec.maxLength) } }) : el('input', { attrs: { name, type: spec.type, autocomplete: spec.autocomplete, maxlength: String(spec.maxLength) } });
      input.id = `${this._id}-${name}`;
      input.required = mode === 'required';
      input.value = this._draft[name] ?? (mine?.[name] ?? '');
      input.addEventListener('input', () => (this._draft[name] = input.value));
      inputs.set(name, input);
      rows.push(
        el(
          'div',
          { className: `field lead-field lead-field-${name}` },
          el('label', { attrs: { for: input.id } }, el('span', { i18n: LABELS[name] }), mode === 'optional' ? ' ' : null, mode === 'optional' ? el('span', { className: 'lead-optional', i18n: 'lead.optional' }) : null),
          input,
        ),
      );
    }

    const lang = language();
    const consent = el('input', { attrs: { name: 'consent', type: 'checkbox', required: true } });
    consent.id = `${this._id}-consent`;
    const marketing = form.marketingText ? el('input', { attrs: { name: 'marketing', type: 'checkbox' } }) : null;
    if (marketing) marketing.id = `${this._id}-marketing`;
    const send = el('button', { className: 'lead-send', i18n: mine ? 'lead.update' : 'lead.send', attrs: { type: 'submit' } });

    const formElement = el(
      'form',
      { className: 'lead-form', attrs: { 'novalidate': true, 'aria-labelledby': `${this._id}-title` } },
      el('h2', { className: 'lead-title', i18n: 'lead.title', attrs: { id: `${this._id}-title` } }),
      el('p', { className: 'lead-hint', i18n: 'lead.hint' }),
      note ? el('p', { className: 'lead-note', i18n: note, attrs: { role: 'status' } }) : null,
      ...rows,
      el('label', { className: 'lead-consent', attrs: { for: consent.id } }, consent, ' ', el('span', { text: form.consentText[lang] })),
      marketing && form.marketingText
        ? el('label', { className: 'lead-marketing', attrs: { for: marketing.id } }, marketing, ' ', el('span', { text: form.marketingText[lang] }))
        : null,
      this._error.element,
      el('div', { className: 'lead-actions' }, send),
    );
    formElement.addEventListener('submit', (event) => {
      event.preventDefault();
      const sending = (busy: boolean) => {
        send.disabled = busy;
        formElement.setAttribute('aria-busy', String(busy));
        bind(send, busy ? 'lead.sending' : mine ? 'lead.update' : 'lead.send');
      };
      this._submit(form, inputs, consent.checked, marketing?.checked ?? false, sending);
    });
    return formElement;
  }

  private _submit(
    form: LeadForm,
    inputs: Map<LeadFieldName, HTMLInputElement | HTMLTextAreaElement>,
    consent: boolean,
    marketingOptIn: boolean,
    sending: (busy: boolean) => void,
  ): void {
    const state = this._state;
    if (state.kind !== 'editing' || state.sending) return;
    this._error.clear();
    const value = (name: LeadFieldName) => {
      const text = inputs.get(name)?.value.trim() ?? '';
      return text === '' ? null : text;
    };
    for (const name of LEAD_FIELDS) {
      if (form.fields[name] === 'required' && !value(name)) return void this._error.show(t('lead.needField', { field: t(LABELS[name]) }));
    }
    if (!value('phone') && !value('email')) return void this._error.show(t('lead.needContact'));
    if (!consent) return void this._error.show(t('lead.needConsent'));
    const token = this._token();
    if (!token) return;
    this._state = { ...state, sending: true };
    sending(true);
    leadsApi
      .submit(token, this._roomId, {
        name: value('name'),
        phone: value('phone'),
        email: value('email'),
        company: value('company'),
        note: value('note'),
        consent: true,
        marketingOptIn,
        consentVersion: form.consentVersion,
        locale: language(),
      })
      .then((lead) => {
        this._draft = {};
        this._set({ kind: 'left', form, mine: lead, justSent: true });
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.code === 'form_changed') return this._load('lead.formChanged');
        this._state = { ...state, sending: false };
        sending(false);
        this._error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic'));
      });
  }
}
