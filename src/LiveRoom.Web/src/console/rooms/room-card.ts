import { api, ApiError, type Authed } from '../../shared/api';
import { append, button, confirmDialog, el, formatDateTime, toast } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { percent, recordingStateOf, type RecordingState } from '../../shared/recording';
import type { RoomInfo, StaffRoom } from '../../shared/types';
import { StatusBadge, ViewerCount } from '../../shared/widgets';
import { streamKeyButtons } from '../components/ingest';
import { formatHash } from '../routes';

/** One room in the list. Refreshes update it in place, so an open stream-settings panel stays open. */
export interface RoomCard {
  element: HTMLLIElement;
  update(room: StaffRoom): void;
  /** True for an ended room whose replay state is not known yet or is still being made. */
  needsRecording(): boolean;
  /** Shows the replay state from the room's details. */
  setRecording(room: RoomInfo): void;
}

export function roomCard(initial: StaffRoom, manage: boolean, authed: Authed, reload: () => void): RoomCard {
  let room = initial;
  const status = new StatusBadge();
  const viewers = new ViewerCount();
  // The room's live desk: its preview, chat and questions.
  const titleLink = el('a', { attrs: { href: formatHash({ page: 'live', params: [room.id] }) } });
  const slot = el('div', { className: 'card-slot' });
  const viewerHref = new URL(room.viewerUrl, location.origin).href;
  const actions = el(
    'div',
    { className: 'room-actions' },
    el('a', { className: 'button small', i18n: 'rooms.moderate', attrs: { href: titleLink.getAttribute('href') ?? '#/' } }),
    el('a', { className: 'button small secondary', i18n: 'rooms.viewerPage', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } }),
  );
  const reportFailure = (error: unknown) => {
    if (error instanceof ApiError && error.status !== 401) toast(error.userMessage, 'error');
  };
  // Only for rooms that have not ended.
  const liveOnly: HTMLButtonElement[] = [];
  if (manage) {
    const keys = streamKeyButtons({ room: () => room, slot, authed, reportFailure, reload });
    const end = button('rooms.end', () => {
      void confirmDialog(t('rooms.endConfirm', { title: room.title }), 'rooms.end', 'mod.cancel').then((yes) => {
        if (!yes) return;
        authed((token) => api.endRoom(token, room.id))
          .then(() => {
            toast(t('rooms.ended', { title: room.title }));
            reload();
          })
          .catch(reportFailure);
      });
    }, { className: 'small danger' });
    liveOnly.push(keys.rotate, end);
    append(actions, keys.settings, keys.rotate, end);
  }
  const element = el(
    'li',
    { className: 'room-card', attrs: { 'data-room-id': room.id } },
    el(
      'div',
      { className: 'room-card-head' },
      el('h3', {}, titleLink),
      el(
        'div',
        { className: 'room-card-meta' },
        status.element,
        viewers.element,
        el('span', { className: 'muted', i18n: 'rooms.createdAt', params: { time: formatDateTime(room.createdAt) } }),
      ),
    ),
    actions,
    slot,
  );
  const update = (next: StaffRoom) => {
    room = next;
    titleLink.textContent = next.title;
    status.set(next.status);
    viewers.set(next.viewerCount);
    for (const action of liveOnly) action.hidden = next.status === 'ended';
    recordingState.hidden = next.status !== 'ended';
    if (next.status !== 'ended') recordingKnown = 'unknown';
  };
  // The replay: preparing NN% / ready, with a link to the viewer page / none; `unknown` until read.
  let recordingKnown: RecordingState['kind'] | 'unknown' = 'unknown';
  const recordingText = el('span', { className: 'recording-text', i18n: 'rooms.replayChecking' });
  const replayLink = el('a', { className: 'recording-link', i18n: 'rooms.replayWatch', attrs: { href: viewerHref, target: '_blank', rel: 'noopener' } });
  replayLink.hidden = true;
  const recordingState = el('span', { className: 'recording-state', attrs: { 'data-recording': 'unknown' } }, recordingText, replayLink);
  recordingState.hidden = true;
  element.querySelector('.room-card-meta')?.append(recordingState);
  const setRecording = (details: RoomInfo) => {
    if (details.status !== 'ended') return;
    const state = recordingStateOf(details);
    recordingKnown = state.kind;
    recordingState.dataset['recording'] = state.kind;
    if (state.kind === 'preparing') bind(recordingText, 'rooms.replayPreparing', { n: percent(state.progress) });
    else bind(recordingText, state.kind === 'ready' ? 'rooms.replayReady' : 'rooms.replayNone');
    replayLink.hidden = state.kind !== 'ready';
  };
  update(initial);
  return {
    element,
    update,
    setRecording,
    needsRecording: () => room.status === 'ended' && (recordingKnown === 'unknown' || recordingKnown === 'preparing'),
  };
}
