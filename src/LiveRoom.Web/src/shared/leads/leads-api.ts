import { request } from '../api';
import { downloadProtected } from '../protected';
import type { Lead, LeadForm, LeadFormRequest, LeadFormView, LeadRequest } from './types';

// The leads' HTTP API (docs/LEADS.md).

const enc = encodeURIComponent;

export const leadsApi = {
  /** The room's form, and the details the viewer already left there. */
  getForm: (token: string, roomId: string) => request<LeadFormView>('GET', `/api/rooms/${enc(roomId)}/leads/form`, { token }),

  /** The viewer leaves their details (sending again updates them). */
  submit: (token: string, roomId: string, body: LeadRequest) => request<Lead>('POST', `/api/rooms/${enc(roomId)}/leads`, { token, body }),

  saveForm: (token: string, roomId: string, body: LeadFormRequest) => request<LeadForm>('PUT', `/api/rooms/${enc(roomId)}/leads/form`, { token, body }),

  list: (token: string, roomId: string) => request<Lead[]>('GET', `/api/rooms/${enc(roomId)}/leads`, { token }),

  /** Saves the room's leads as a CSV file. */
  downloadCsv: (token: string, roomId: string) => downloadProtected(`/api/rooms/${enc(roomId)}/leads?format=csv`, token, `leads-${roomId}.csv`),

  setContacted: (token: string, roomId: string, leadId: string, contacted: boolean) =>
    request<Lead>('POST', `/api/rooms/${enc(roomId)}/leads/${enc(leadId)}/contacted`, { token, body: { contacted } }),
};
