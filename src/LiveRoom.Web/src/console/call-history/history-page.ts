import './history.css';
import { api, ApiError } from '../../shared/api';
import { button, el, formatDateTime, formatTime, InlineError } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { callsApi, downloadProtected, fetchProtected, type CallFilter } from '../../shared/calls/calls-api';
import { clockText, sizeText } from '../../shared/calls/format';
import { timeOf, type CallFile, type CallRecord, type CallRecordingInfo } from '../../shared/calls/types';
import type { StaffRoom } from '../../shared/types';
import { starsElement } from '../calls/viewer-context';
import type { PageContext, Unmount } from '../workspace';

type Scope = 'mine' | 'room' | 'viewer';

const iso = (value: string | Date | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const ms = timeOf(value);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
};

const message = (failure: unknown): string => (failure instanceof ApiError ? failure.userMessage : t('error.generic'));

/** Fetches a protected file with the staff token and hands back an object URL (see `fetchProtected`). */
async function fetchBlobUrl(url: string, token: string): Promise<string> {
  return URL.createObjectURL(await fetchProtected(url, token));
}

/** How often a recording being prepared is asked about again while its details are open. */
const PROCESSING_POLL_MS = 3000;

/**
 * The console's call history (#/call-history): the calls of the signed-in agent, of a room, or of a
 * viewer (`GET /api/calls`), newest first, each with when, wait, length, who, how it ended, the stars
 * and comment, and the note; "Details" adds the recording (played from memory: see `fetchBlobUrl`) and
 * what was shared in the call (`GET /api/calls/{id}/items`).
 */
export function mountCallHistoryPage(container: HTMLElement, context: PageContext, params: readonly string[]): Unmount {
  const objectUrls: string[] = [];
  let disposed = false;
  let rooms: StaffRoom[] = [];

  const scope = el('select', { className: 'history-scope', attrs: { id: 'history-scope' } });
  for (const [value, key] of [['mine', 'history.scopeMine'], ['room', 'history.scopeRoom'], ['viewer', 'history.scopeViewer']] as const) {
    const option = el('option', { i18n: key, attrs: { value } });
    scope.append(option);
  }
  const roomSelect = el('select', { className: 'history-room', attrs: { id: 'history-room' } });
  const viewerInput = el('input', { className: 'history-viewer', placeholder: 'history.viewerPlaceholder', attrs: { id: 'history-viewer', type: 'text', spellcheck: 'false' } });
  const roomField = el('div', { className: 'field' }, el('label', { i18n: 'history.room', attrs: { for: 'history-room' } }), roomSelect);
  const viewerField = el('div', { className: 'field' }, el('label', { i18n: 'history.viewer', attrs: { for: 'history-viewer' } }), viewerInput);
  const show = el('button', { className: 'history-show', i18n: 'history.show', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'history-filters', label: 'history.filters', attrs: { role: 'search' } },
    el('div', { className: 'field' }, el('label', { i18n: 'history.scope', attrs: { for: 'history-scope' } }), scope),
    roomField,
    viewerField,
    show,
  );
  const error = new InlineError(0);
  const list = el('ul', { className: 'history-list', attrs: { 'aria-live': 'polite', 'aria-busy': 'false' } });
  const page = el('div', { className: 'history-page' }, el('h2', { i18n: 'history.title' }), form, error.element, list);
  container.append(page);
  context.setTitle(t('history.title'));

  const syncFields = () => {
    roomField.hidden = scope.value !== 'room';
    viewerField.hidden = scope.value !== 'viewer';
  };

  const roomTitle = (roomId: string) => rooms.find((room) => room.id === roomId)?.title ?? roomId;

  const filter = (): CallFilter | null => {
    switch (scope.value as Scope) {
      case 'room':
        return roomSelect.value ? { roomId: roomSelect.value, limit: 100 } : null;
      case 'viewer':
        return viewerInput.value.trim() ? { personId: viewerInput.value.trim(), limit: 100 } : null;
      default:
        return { personId: context.user.id, limit: 100 };
    }
  };

  const load = async () => {
    error.clear();
    const chosen = filter();
    if (!chosen) {
      error.show(t('history.chooseFilter'));
      return;
    }
    list.setAttribute('aria-busy', 'true');
    list.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
    try {
      const records = await context.authed((token) => callsApi.listCalls(token, chosen));
      if (disposed) return;
      page.dataset['count'] = String(records.length);
      list.replaceChildren(...(records.length > 0 ? records.map(row) : [el('li', { className: 'empty-state', i18n: 'history.none' })]));
    } catch (failure) {
      list.replaceChildren();
      error.show(message(failure));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };

  const row = (record: CallRecord): HTMLLIElement => {
    const people = record.participants.map((participant) => `${participant.displayName} (${t(participant.role === 'viewer' ? 'history.roleViewer' : 'history.roleAgent')})`);
    const details = el('div', { className: 'history-details' });
    details.hidden = true;
    details.id = `history-details-${record.callId}`;
    const more = button('history.details', () => {
      const open = details.hidden;
      details.hidden = !open;
      more.setAttribute('aria-expanded', String(open));
      if (open && details.childElementCount === 0) details.append(...detailParts(record));
    }, { className: 'secondary small history-more', attrs: { 'aria-expanded': 'false', 'aria-controls': details.id } });
    const facts = el(
      'dl',
      { className: 'history-facts' },
      el('dt', { i18n: 'history.wait' }),
      el('dd', { className: 'history-wait', text: record.waitSeconds === null ? '–' : clockText(record.waitSeconds) }),
      el('dt', { i18n: 'history.duration' }),
      el('dd', { className: 'history-duration', text: record.durationSeconds === null ? '–' : clockText(record.durationSeconds) }),
      el('dt', { i18n: 'history.outcome' }),
      el('dd', { className: 'history-outcome', text: record.outcome ? t(outcomeKey(record.outcome)) : t('history.inProgress') }),
      el('dt', { i18n: 'history.rating' }),
      el('dd', { className: 'history-rating' }, starsElement(record.rating), record.ratingComment ? ` “${record.ratingComment}”` : ''),
      el('dt', { i18n: 'history.note' }),
      el('dd', { className: 'history-note', text: record.note ?? '–' }),
    );
    return el(
      'li',
      { className: 'history-call', attrs: { 'data-call-id': record.callId, 'data-outcome': record.outcome ?? '' } },
      el(
        'div',
        { className: 'history-call-head' },
        el('h3', { className: 'history-when', text: formatDateTime(iso(record.startedAt)) }),
        el('span', { className: 'history-room-title', text: roomTitle(record.roomId) }),
        more,
      ),
      el('p', { className: 'history-people', text: people.join(' · ') }),
      record.topic ? el('p', { className: 'history-topic muted', text: record.topic }) : null,
      facts,
      details,
    );
  };

  /**
   * The recording: none, being prepared (asked again every few seconds while shown), failed, or ready
   * with its length, the pieces that never arrived, and "Play recording".
   */
  const renderRecording = (section: HTMLElement, callId: string, info: CallRecordingInfo | null | undefined): void => {
    section.dataset['recording'] = info?.status ?? 'none';
    const heading = el('h4', { i18n: 'history.recording' });
    if (!info) {
      section.replaceChildren(heading, el('p', { className: 'muted', i18n: 'history.noRecording' }));
      return;
    }
    if (info.status === 'processing') {
      section.replaceChildren(
        heading,
        el('p', { className: 'muted history-recording-progress', i18n: 'history.recordingProcessing', params: { n: Math.min(99, Math.round((info.progress ?? 0) * 100)) }, attrs: { role: 'status' } }),
      );
      window.setTimeout(() => {
        if (disposed || !section.isConnected) return;
        context
          .authed((token) => callsApi.getCall(token, callId))
          .then((record) => {
            if (!disposed) renderRecording(section, callId, record.recording);
          })
          .catch(() => renderRecording(section, callId, info));
      }, PROCESSING_POLL_MS);
      return;
    }
    if (info.status === 'failed') {
      section.replaceChildren(heading, el('p', { className: 'inline-error', i18n: 'history.recordingFailed' }));
      return;
    }
    const video = el('video', { className: 'history-video', attrs: { controls: true, playsinline: true, preload: 'metadata' } });
    video.hidden = true;
    const failure = new InlineError(0);
    const play = button('history.play', () => {
      play.disabled = true;
      failure.clear();
      context
        .authed((token) => fetchBlobUrl(info.url ?? `/api/calls/${encodeURIComponent(callId)}/recording`, token))
        .then((url) => {
          objectUrls.push(url);
          video.src = url;
          video.hidden = false;
          play.hidden = true;
          video.focus();
          void video.play().catch(() => undefined);
        })
        .catch((reason: unknown) => {
          play.disabled = false;
          failure.show(message(reason));
        });
    }, { className: 'small history-play' });
    const gaps = info.missingChunks ?? [];
    section.replaceChildren(
      heading,
      el('p', { className: 'muted history-recording-length', i18n: 'history.recordingLength', params: { time: clockText(info.durationSeconds ?? 0) } }),
      ...(gaps.length > 0
        ? [
            el(
              'p',
              { className: 'muted history-recording-gaps', attrs: { 'data-missing': String(gaps.length) } },
              el('span', { i18n: 'history.recordingGaps', params: { n: gaps.length } }),
              ' ',
              el('span', { className: 'history-gap-list', text: gaps.map((gap) => t('history.recordingGap', { take: gap.take, seq: gap.seq })).join(', ') }),
            ),
          ]
        : []),
      play,
      video,
      failure.element,
    );
  };

  /** The recording (or why there is none) and what was shared in the call. */
  const detailParts = (record: CallRecord): HTMLElement[] => {
    const recording = el('section', { className: 'history-recording' });
    renderRecording(recording, record.callId, record.recording);
    const items = el('section', { className: 'history-items' }, el('h4', { i18n: 'history.items' }), el('p', { className: 'muted', i18n: 'loading' }));
    context
      .authed((token) => callsApi.getItems(token, record.callId))
      .then((found) => {
        const parts: HTMLElement[] = [];
        if (found.messages.length > 0) {
          parts.push(
            el(
              'ul',
              { className: 'history-messages' },
              ...found.messages.map((item) =>
                el(
                  'li',
                  { className: 'history-message', attrs: { 'data-message-id': item.id } },
                  el('time', { className: 'muted', text: formatTime(iso(item.sentAt)), attrs: { datetime: iso(item.sentAt) } }),
                  ' ',
                  el('strong', { text: item.from.displayName }),
                  ': ',
                  // Plain text: never read as markup.
                  item.text,
                ),
              ),
            ),
          );
        }
        if (found.files.length > 0) parts.push(el('ul', { className: 'history-files' }, ...found.files.map(fileRow)));
        items.replaceChildren(el('h4', { i18n: 'history.items' }), ...(parts.length > 0 ? parts : [el('p', { className: 'muted', i18n: 'history.noItems' })]));
        items.dataset['loaded'] = 'true';
      })
      .catch((failure: unknown) => {
        // 404: nothing kept for this call (or not kept by this server).
        const none = failure instanceof ApiError && failure.status === 404;
        items.replaceChildren(el('h4', { i18n: 'history.items' }), el('p', { className: none ? 'muted' : 'inline-error', text: none ? t('history.noItems') : message(failure) }));
        items.dataset['loaded'] = 'true';
      });
    return [recording, items];
  };

  const fileRow = (file: CallFile): HTMLLIElement => {
    const open = button('history.download', () => {
      open.disabled = true;
      context
        .authed((token) => downloadProtected(file.url, token, file.name))
        .catch((failure: unknown) => error.show(message(failure)))
        .finally(() => {
          open.disabled = false;
        });
    }, { className: 'secondary small history-download', label: 'history.downloadLabel', labelParams: { name: file.name } });
    // A snapshot shows itself small (fetched with the token, like everything of a call).
    const thumbnail = file.kind === 'snapshot' ? el('img', { className: 'history-thumb', attrs: { alt: '' } }) : null;
    if (thumbnail) {
      bind(thumbnail, 'history.snapshotAlt', { time: formatDateTime(iso(file.uploadedAt)) }, 'title');
      thumbnail.alt = t('history.snapshotAlt', { time: formatDateTime(iso(file.uploadedAt)) });
      context
        .authed((token) => fetchBlobUrl(file.url, token))
        .then((url) => {
          if (disposed) {
            URL.revokeObjectURL(url);
            return;
          }
          objectUrls.push(url);
          thumbnail.src = url;
          thumbnail.dataset['loaded'] = 'true';
        })
        .catch(() => {
          thumbnail.hidden = true;
        });
    }
    return el(
      'li',
      { className: 'history-file', attrs: { 'data-kind': file.kind, 'data-file-id': file.id } },
      thumbnail,
      el(
        'span',
        { className: 'history-file-text' },
        el('span', { className: 'history-file-kind', i18n: file.kind === 'snapshot' ? 'history.snapshot' : 'history.file' }),
        ' ',
        el('span', { className: 'history-file-name', text: file.name }),
        ` (${sizeText(file.size)}) · ${file.uploadedBy.displayName}`,
      ),
      ' ',
      open,
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  scope.addEventListener('change', () => {
    syncFields();
    if (scope.value === 'mine') void load();
  });

  // #/call-history/room/{roomId} or #/call-history/viewer/{viewerId} open with that filter.
  if (params[0] === 'room' || params[0] === 'viewer') {
    scope.value = params[0];
    if (params[0] === 'viewer') viewerInput.value = params[1] ?? '';
  }
  syncFields();
  context
    .authed((token) => api.listRooms(token))
    .then((list) => {
      if (disposed) return;
      rooms = list;
      roomSelect.replaceChildren(...list.map((room) => el('option', { text: room.title, attrs: { value: room.id } })));
      if (params[0] === 'room' && params[1]) roomSelect.value = params[1];
      if (scope.value === 'room') void load();
    })
    .catch(() => undefined);
  if (scope.value !== 'room') void load();

  return () => {
    disposed = true;
    for (const url of objectUrls) URL.revokeObjectURL(url);
  };
}

function outcomeKey(outcome: string): Parameters<typeof bind>[1] {
  switch (outcome) {
    case 'hangup':
    case 'lost':
    case 'room_ended':
    case 'declined':
    case 'left':
      return `history.outcome.${outcome}`;
    default:
      return 'history.outcome.other';
  }
}

