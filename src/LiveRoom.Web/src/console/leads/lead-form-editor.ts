import { ApiError } from '../../shared/api';
import { el, InlineError } from '../../shared/dom';
import { bind, t, type MessageKey } from '../../shared/i18n';
import { leadsApi } from '../../shared/leads/leads-api';
import { LEAD_FIELDS, type LeadFieldMode, type LeadFieldName, type LeadForm, type LocalizedText } from '../../shared/leads/types';
import type { PageContext } from '../workspace';

const FIELD_LABELS: Readonly<Record<LeadFieldName, MessageKey>> = {
  name: 'lead.name',
  phone: 'lead.phone',
  email: 'lead.email',
  company: 'lead.company',
  note: 'lead.note',
};
const MODES: readonly LeadFieldMode[] = ['off', 'optional', 'required'];

let editors = 0;

/**
 * The room's lead form as staff set it: whether viewers are offered it, which fields it asks for, the consent
 * text in both languages and an optional marketing opt-in. Saving a new wording makes a new consent version.
 */
export function leadFormEditor(context: PageContext, roomId: string, form: LeadForm, saved: (form: LeadForm) => void): HTMLElement {
  const id = `lead-form-${++editors}`;
  const error = new InlineError(0);
  const status = el('p', { className: 'lead-form-status', attrs: { 'role': 'status', 'aria-live': 'polite' } });
  const enabled = el('input', { attrs: { id: `${id}-enabled`, type: 'checkbox' } });
  enabled.checked = form.enabled;
  const selects = new Map<LeadFieldName, HTMLSelectElement>();
  const rows = LEAD_FIELDS.map((name) => {
    const select = el('select', { attrs: { id: `${id}-${name}` } });
    for (const mode of MODES) select.append(el('option', { i18n: `leads.mode.${mode}`, attrs: { value: mode } }));
    select.value = form.fields[name];
    selects.set(name, select);
    return el('div', { className: 'field lead-form-field' }, el('label', { i18n: FIELD_LABELS[name], attrs: { for: select.id } }), select);
  });
  const text = (key: MessageKey, value: string, suffix: string) => {
    const area = el('textarea', { attrs: { id: `${id}-${suffix}`, rows: '2', maxlength: '2000' } });
    area.value = value;
    return { area, field: el('div', { className: 'field' }, el('label', { i18n: key, attrs: { for: area.id } }), area) };
  };
  const consentEn = text('leads.consentEn', form.consentText.en, 'consent-en');
  const consentZh = text('leads.consentZh', form.consentText.zh, 'consent-zh');
  const marketingEn = text('leads.marketingEn', form.marketingText?.en ?? '', 'marketing-en');
  const marketingZh = text('leads.marketingZh', form.marketingText?.zh ?? '', 'marketing-zh');
  const save = el('button', { i18n: 'leads.saveForm', attrs: { type: 'submit' } });

  const editor = el(
    'form',
    { className: 'lead-form-editor', attrs: { 'aria-labelledby': `${id}-title`, 'novalidate': true } },
    el('h3', { i18n: 'leads.formTitle', attrs: { id: `${id}-title` } }),
    el('label', { className: 'lead-form-enabled', attrs: { for: enabled.id } }, enabled, ' ', el('span', { i18n: 'leads.formEnabled' })),
    el('div', { className: 'lead-form-fields' }, ...rows),
    consentEn.field,
    consentZh.field,
    marketingEn.field,
    marketingZh.field,
    error.element,
    el('div', { className: 'lead-form-actions' }, save, status),
  );
  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    error.clear();
    status.textContent = '';
    const fields = Object.fromEntries(LEAD_FIELDS.map((name) => [name, selects.get(name)!.value as LeadFieldMode])) as Record<LeadFieldName, LeadFieldMode>;
    const marketing: LocalizedText | null = marketingEn.area.value.trim() || marketingZh.area.value.trim() ? { en: marketingEn.area.value.trim(), zh: marketingZh.area.value.trim() } : null;
    save.disabled = true;
    context
      .authed((token) =>
        leadsApi.saveForm(token, roomId, {
          enabled: enabled.checked,
          fields,
          consentText: { en: consentEn.area.value.trim(), zh: consentZh.area.value.trim() },
          marketingText: marketing,
        }),
      )
      .then((form) => {
        bind(status, 'leads.formSaved', { version: form.consentVersion });
        saved(form);
      })
      .catch((failure: unknown) => error.show(failure instanceof ApiError ? failure.userMessage : t('error.generic')))
      .finally(() => (save.disabled = false));
  });
  return editor;
}
