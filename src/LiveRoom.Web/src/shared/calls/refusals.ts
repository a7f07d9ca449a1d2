import { hubErrorCode, hubErrorMessage } from '../hub';
import { t, type MessageKey } from '../i18n';
import { MAX_TOPIC_LENGTH } from './types';

/** Refusals the calls pages say in their own words; any other is shown as the server phrased it. */
const KEYS: Readonly<Record<string, MessageKey>> = {
  no_agents: 'call.refused.no_agents',
  queue_full: 'call.refused.queue_full',
  queue_closed: 'call.refused.queue_closed',
  room_ended: 'call.refused.room_ended',
  not_joined: 'call.refused.not_joined',
  not_allowed: 'call.refused.not_allowed',
  too_long: 'call.refused.too_long',
  too_fast: 'call.refused.too_fast',
  not_available: 'call.refused.not_available',
  at_capacity: 'call.refused.at_capacity',
  queue_empty: 'call.refused.queue_empty',
  ticket_gone: 'call.refused.ticket_gone',
  not_found: 'call.refused.not_found',
  call_ended: 'call.refused.call_ended',
};

/** The text for a failed calls method, in the page's language. */
export function callErrorMessage(error: unknown): string {
  const code = hubErrorCode(error);
  const key = code ? KEYS[code] : undefined;
  return key ? t(key, { max: MAX_TOPIC_LENGTH }) : hubErrorMessage(error);
}
