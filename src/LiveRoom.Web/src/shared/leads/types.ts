// The leads API's shapes (docs/LEADS.md).

export type LeadFieldMode = 'off' | 'optional' | 'required';
export type LeadFieldName = 'name' | 'phone' | 'email' | 'company' | 'note';
export type LeadFormFields = Record<LeadFieldName, LeadFieldMode>;

export interface LocalizedText {
  en: string;
  zh: string;
}

export interface LeadForm {
  roomId: string;
  enabled: boolean;
  fields: LeadFormFields;
  consentText: LocalizedText;
  marketingText: LocalizedText | null;
  consentVersion: number;
  updatedAt: string | null;
}

export interface LeadConsent {
  version: number;
  locale: 'en' | 'zh';
  text: string;
  at: string;
}

export interface Lead {
  id: string;
  roomId: string;
  viewerId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  note: string | null;
  consent: LeadConsent;
  marketingConsent: LeadConsent | null;
  source: 'form' | 'callBack';
  createdAt: string;
  updatedAt: string;
  contactedAt: string | null;
  contactedBy: string | null;
  /** The viewer's engagement score in the room (docs/FUNNEL.md); only in the staff's list. */
  score?: number;
}

/** The form as a viewer's page gets it, with what the viewer already left (if anything). */
export interface LeadFormView {
  form: LeadForm;
  mine: Lead | null;
}

export interface LeadRequest {
  name: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  note: string | null;
  consent: true;
  marketingOptIn: boolean;
  consentVersion: number;
  locale: 'en' | 'zh';
}

export interface LeadFormRequest {
  enabled: boolean;
  fields: LeadFormFields;
  consentText: LocalizedText;
  marketingText: LocalizedText | null;
}

export const LEAD_FIELDS: readonly LeadFieldName[] = ['name', 'phone', 'email', 'company', 'note'];
