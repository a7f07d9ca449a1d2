import './calls.css';
import { api, ApiError } from '../../shared/api';
import { button, el, InlineError, toast } from '../../shared/dom';
import { bind, t } from '../../shared/i18n';
import { CallNoteForm } from '../../shared/calls/after-call';
import { CallItemsPanel } from '../../shared/calls/call-items';
import { CallView } from '../../shared/calls/call-view';
import { CallsClient } from '../../shared/calls/client';
import { RecordingBar } from '../../shared/calls/recording-bar';
import { LocalMediaSource } from '../../shared/calls/local-media';
import { callErrorMessage } from '../../shared/calls/refusals';
import { CallSession } from '../../shared/calls/session';
import { SignalBuffer } from '../../shared/calls/signal-buffer';
import { MAX_CAPACITY, MIN_CAPACITY, type AgentStatus, type CallInfo, type CallOffer, type QueueEntry } from '../../shared/calls/types';
import { hubErrorCode } from '../../shared/hub';
import { WebRtcEngine } from '../../shared/playback/webrtc';
import type { StaffRoom } from '../../shared/types';
import { ConnectionIndicator, StatusBadge } from '../../shared/widgets';
import type { PageContext, Unmount } from '../workspace';
import { AgentConnection } from './agent-connection';
import { CallBacksList } from './callbacks-list';
import { InvitePanel } from './invite-panel';
import { ViewerContextPanel } from './viewer-context';
import { Invitations } from './invitations';
import { OfferRing } from './offer-ring';
import { loadCallPreferences, saveCallPreferences, type CallPreferences } from './preferences';
import { QueueList, type ServedRoom } from './queue-list';

/** One call in progress: its session, its view, and what is known of the viewer. */
interface ActiveCall {
  session: CallSession;
  recording: RecordingBar;
  items: CallItemsPanel;
  view: CallView;
  element: HTMLElement;
  dispose(): void;
}

/** The open rooms the agent may serve. */
type RoomsState = { kind: 'loading' } | { kind: 'ready'; rooms: readonly StaffRoom[] } | { kind: 'error'; message: string };

/** Live rooms first, then interrupted, then scheduled. */
const order: Record<StaffRoom['status'], number> = { live: 0, interrupted: 1, scheduled: 2, ended: 3 };

/**
 * The Calls page (#/calls): availability and capacity, the rooms the agent serves, their queues (with
 * VIP, Accept and Accept next), offers ringing with a countdown, and the calls in progress with the
 * viewer's context beside them. The agent's camera opens when they become available, so an accepted
 * call starts at once; it closes when they go away with no call left.
 */
export function mountCallsPage(container: HTMLElement, context: PageContext): Unmount {
  const user = context.user;
  const preferences: CallPreferences = loadCallPreferences(user.id);
  const devices = new LocalMediaSource();
  const signals = new SignalBuffer();
  const active = new Map<string, ActiveCall>();
  /** performance.now() of the agent's click on Accept, for the time to the first remote frame. */
  let acceptedAt: number | null = null;
  let status: AgentStatus = { agentId: user.id, available: preferences.available, capacity: preferences.capacity, activeCalls: 0 };
  let rooms: RoomsState = { kind: 'loading' };
  let disposed = false;

  const connection = new ConnectionIndicator();
  const error = new InlineError();
  const hub = new AgentConnection(() => context.accessToken(), {
    state: (state) => connection.set(state),
    ready: () => void restore(),
    unauthorized: () => context.sessionExpired(),
  });
  const calls = new CallsClient(hub);
  const report = (failure: unknown) => error.show(callErrorMessage(failure));

  // Availability and capacity.
  const availability = el('button', { className: 'availability-toggle', attrs: { 'type': 'button', 'role': 'switch', 'aria-checked': 'false' } });
  const availabilityText = el('span', { className: 'availability-text' });
  availability.append(el('span', { className: 'availability-dot', attrs: { 'aria-hidden': 'true' } }), availabilityText);
  bind(availability, 'calls.availableLabel', undefined, 'aria-label');
  const capacity = el('select', { className: 'capacity-select', attrs: { id: 'calls-capacity' } });
  for (let n = MIN_CAPACITY; n <= MAX_CAPACITY; n++) capacity.append(el('option', { text: String(n), attrs: { value: String(n) } }));
  capacity.value = String(preferences.capacity);
  const statusText = el('span', { className: 'agent-status', attrs: { 'aria-live': 'polite' } });
  const selfPreview = el('video', { className: 'agent-self-preview', attrs: { 'playsinline': true, 'aria-hidden': 'true' } });
  selfPreview.muted = true;
  selfPreview.hidden = true;
  let previewEngine: WebRtcEngine | null = null;
  const awayHint = el('p', { className: 'calls-away-hint muted', i18n: 'calls.goAvailable' });

  // Rooms served.
  const roomList = el('ul', { className: 'served-rooms' });
  const roomsError = new InlineError(0);

  const ring = new OfferRing({
    accept: (offer) => accept(offer.roomId, offer.ticketId),
    decline: (offer) => {
      ring.remove(offer.ticketId);
      calls.declineOffer(offer.roomId, offer.ticketId).catch(report);
    },
    expired: () => undefined,
  });
  const queue = new QueueList(user.id, {
    context: (entry) => new ViewerContextPanel(context.authed, entry.roomId, entry.viewerId).element,
    accept: (entry) => accept(entry.roomId, entry.ticketId),
    acceptNext: (roomId) => accept(roomId, null),
    setVip: (entry, vip) => {
      calls
        .setVip(entry.roomId, entry.ticketId, vip)
        .then((updated) => queue.setEntries(queue.entries.map((item) => (item.ticketId === updated.ticketId ? updated : item))))
        .catch((failure: unknown) => {
          report(failure);
          queue.setEntries([...queue.entries]);
        });
    },
  });
  const invitations = new Invitations({
    join: (invite) => {
      error.clear();
      acceptedAt = performance.now();
      calls
        .joinCall(invite.callId)
        .then((info) => {
          invitations.remove(invite.callId);
          startCall(info);
        })
        .catch((failure: unknown) => {
          acceptedAt = null;
          invitations.remove(invite.callId);
          report(failure);
        });
    },
    // Nothing to tell the server: an invitation not taken up simply lapses.
    decline: () => undefined,
  });
  // Calls just over: a card each with the note form, until the agent is done with it.
  const wrapUp = el('section', { className: 'calls-wrapup', label: 'calls.wrapUp' });
  wrapUp.hidden = true;
  const addWrapUp = (session: CallSession) => {
    const ended = session.state;
    const done = button('calls.wrapUpDone', () => {
      card.remove();
      wrapUp.hidden = wrapUp.childElementCount === 0;
    }, { className: 'secondary small wrapup-done' });
    const card = el(
      'article',
      { className: 'wrapup-card', attrs: { 'data-call-id': session.callId, 'data-reason': ended.kind === 'ended' ? ended.reason : '' } },
      el('h3', { i18n: 'calls.wrapUpTitle', params: { name: session.peer.displayName } }),
      ended.kind === 'ended' ? el('p', { className: 'muted', i18n: `call.endedBy.${ended.reason}` }) : null,
      new CallNoteForm(calls, session.callId).element,
      done,
    );
    wrapUp.append(card);
    wrapUp.hidden = false;
  };
  const callBacks = new CallBacksList(context.authed, (roomId) => roomTitle(roomId));
  const callsArea = el('section', { className: 'calls-active', label: 'calls.inCall' });
  callsArea.hidden = true;

  const page = el(
    'div',
    { className: 'calls-page' },
    el(
      'header',
      { className: 'calls-toolbar' },
      el('h2', { i18n: 'calls.title' }),
      el(
        'div',
        { className: 'calls-controls', label: 'calls.availability', attrs: { role: 'group' } },
        availability,
        el('label', { className: 'capacity-label', attrs: { for: 'calls-capacity' } }, el('span', { i18n: 'calls.capacity' }), capacity),
        statusText,
        connection.element,
      ),
      el('figure', { className: 'agent-self' }, selfPreview),
    ),
    error.element,
    awayHint,
    ring.element,
    invitations.element,
    callsArea,
    wrapUp,
    el(
      'div',
      { className: 'calls-grid' },
      queue.element,
      el(
        'aside',
        { className: 'calls-rooms', label: 'calls.rooms' },
        el('h2', { i18n: 'calls.rooms' }),
        el('p', { className: 'muted', i18n: 'calls.roomsHint' }),
        roomsError.element,
        roomList,
      ),
    ),
    callBacks.element,
  );
  container.append(page);
  context.setTitle(t('calls.title'));

  const renderStatus = () => {
    const data = page.dataset;
    data['available'] = String(status.available);
    data['activeCalls'] = String(status.activeCalls);
    availability.setAttribute('aria-checked', String(status.available));
    availability.classList.toggle('on', status.available);
    bind(availabilityText, status.available ? 'calls.available' : 'calls.away');
    capacity.value = String(status.capacity);
    bind(statusText, 'calls.status', { active: status.activeCalls, capacity: status.capacity });
    awayHint.hidden = status.available;
  };

  const showPreview = () => {
    const media = devices.current;
    const tracks = media?.stream.getVideoTracks() ?? [];
    previewEngine?.destroy();
    previewEngine = null;
    selfPreview.hidden = tracks.length === 0;
    if (tracks.length === 0) return;
    previewEngine = new WebRtcEngine(new MediaStream(tracks), true);
    previewEngine.attach(selfPreview);
    previewEngine.start();
  };

  /** Opens the devices while available (so a call starts without waiting), closes them when away with no call. */
  const syncDevices = () => {
    if (status.available || active.size > 0) {
      if (!devices.current) void devices.get().then(() => !disposed && showPreview());
    } else if (devices.current) {
      devices.release();
      showPreview();
    }
  };

  const applyAvailability = async (available: boolean, cap: number) => {
    const result = await calls.setAvailability(available, cap);
    status = result;
    preferences.available = result.available;
    preferences.capacity = result.capacity;
    saveCallPreferences(user.id, preferences);
    renderStatus();
    syncDevices();
  };

  availability.addEventListener('click', () => {
    error.clear();
    applyAvailability(!status.available, Number(capacity.value)).catch(report);
  });
  capacity.addEventListener('change', () => {
    error.clear();
    applyAvailability(status.available, Number(capacity.value)).catch((failure: unknown) => {
      report(failure);
      capacity.value = String(status.capacity);
    });
  });

  const servedRooms = (): ServedRoom[] => {
    if (rooms.kind !== 'ready') return preferences.rooms.map((id) => ({ id, title: id }));
    return rooms.rooms.filter((room) => preferences.rooms.includes(room.id)).map((room) => ({ id: room.id, title: room.title }));
  };

  const setServing = async (roomId: string, serve: boolean) => {
    if (serve) {
      const entries = await calls.watchQueue(roomId);
      if (!preferences.rooms.includes(roomId)) preferences.rooms = [...preferences.rooms, roomId];
      queue.setServed(servedRooms());
      queue.setRoomEntries(roomId, entries);
    } else {
      await calls.unwatchQueue(roomId);
      preferences.rooms = preferences.rooms.filter((id) => id !== roomId);
      queue.setServed(servedRooms());
      queue.setRoomEntries(roomId, []);
    }
    saveCallPreferences(user.id, preferences);
    renderRooms();
  };

  const renderRooms = () => {
    if (rooms.kind === 'error') roomsError.show(rooms.message);
    else roomsError.clear();
    if (rooms.kind === 'loading') {
      roomList.replaceChildren(el('li', { className: 'muted', i18n: 'loading' }));
      return;
    }
    if (rooms.kind === 'error') {
      roomList.replaceChildren();
      return;
    }
    if (rooms.rooms.length === 0) {
      roomList.replaceChildren(el('li', { className: 'empty-state', i18n: 'calls.noRooms' }));
      return;
    }
    roomList.replaceChildren(
      ...rooms.rooms.map((room) => {
        const serving = preferences.rooms.includes(room.id);
        const toggle = el('input', { className: 'serve-toggle', attrs: { type: 'checkbox', role: 'switch' } });
        toggle.checked = serving;
        bind(toggle, 'calls.serveLabel', { title: room.title }, 'aria-label');
        toggle.addEventListener('change', () => {
          toggle.disabled = true;
          setServing(room.id, toggle.checked)
            .catch((failure: unknown) => {
              toggle.checked = !toggle.checked;
              report(failure);
            })
            .finally(() => {
              toggle.disabled = false;
            });
        });
        const badge = new StatusBadge();
        badge.set(room.status);
        return el(
          'li',
          { className: 'served-room', attrs: { 'data-room-id': room.id, 'data-serving': String(serving) } },
          el('label', { className: 'served-room-label' }, toggle, el('span', { className: 'served-room-title', text: room.title })),
          badge.element,
        );
      }),
    );
  };

  const loadRooms = () => {
    context
      .authed((token) => api.listRooms(token))
      .then((list) => {
        if (disposed) return;
        const open = list.filter((room) => room.status !== 'ended').sort((a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt));
        rooms = { kind: 'ready', rooms: open };
        renderRooms();
        queue.setServed(servedRooms());
      })
      .catch((failure: unknown) => {
        if (disposed || !(failure instanceof ApiError) || failure.status === 401) return;
        rooms = { kind: 'error', message: failure.userMessage };
        renderRooms();
      });
  };

  /** After every (re)connection: the server learns again what this page is doing. */
  const restore = async () => {
    try {
      await applyAvailability(preferences.available, preferences.capacity);
    } catch (failure) {
      report(failure);
    }
    for (const roomId of [...preferences.rooms]) {
      try {
        queue.setRoomEntries(roomId, await calls.watchQueue(roomId));
      } catch (failure) {
        // A room that ended (or went away) is served no more.
        if (hubErrorCode(failure) === 'room_ended' || hubErrorCode(failure) === 'not_found') {
          preferences.rooms = preferences.rooms.filter((id) => id !== roomId);
          saveCallPreferences(user.id, preferences);
          queue.setServed(servedRooms());
          renderRooms();
        } else report(failure);
      }
    }
    for (const call of active.values()) {
      calls
        .rejoinCall(call.session.callId)
        // What was written or shared while the connection was down.
        .then(() => call.items.load())
        .catch((failure: unknown) => {
          const code = hubErrorCode(failure);
          if (code === 'not_found' || code === 'call_ended' || code === 'not_participant') call.session.end('lost');
        });
    }
  };

  const viewerEntry = (info: CallInfo): QueueEntry | undefined => {
    const viewer = info.participants.find((participant) => participant.role === 'viewer');
    return queue.entries.find((entry) => entry.roomId === info.roomId && entry.viewerId === viewer?.id);
  };

  /** Who the agent is in a call: their own id, or the agent participant (ids of staff may be spelled differently). */
  const selfIdIn = (info: CallInfo): string =>
    info.participants.find((participant) => participant.id === user.id)?.id ??
    info.participants.find((participant) => participant.id.toLowerCase() === user.id.toLowerCase())?.id ??
    user.id;

  const roomTitle = (roomId: string): string =>
    (rooms.kind === 'ready' ? rooms.rooms.find((candidate) => candidate.id === roomId)?.title : undefined) ?? roomId;

  const renderCalls = () => {
    callsArea.hidden = active.size === 0;
    callsArea.replaceChildren(...[...active.values()].map((call) => call.element));
    page.classList.toggle('in-call', active.size > 0);
  };

  const startCall = (info: CallInfo) => {
    if (active.has(info.callId) || disposed) return;
    const entry = viewerEntry(info);
    const selfId = selfIdIn(info);
    const viewerId = info.participants.find((participant) => participant.role === 'viewer')?.id ?? null;
    const session = new CallSession({ info, selfId, calls, media: devices.get() });
    const invite = new InvitePanel(session, calls, selfId);
    const recording = new RecordingBar(session, calls, { canRequest: true, accessToken: () => context.accessToken() });
    // Made before the view it keeps snapshots of: the view is there by the time anyone can press the button.
    let view: CallView | null = null;
    const items = new CallItemsPanel(session, calls, {
      token: () => context.accessToken(),
      snapshotSource: () => (viewerId && view ? view.videoOf(viewerId) : null),
      snapshotTaken: () => view?.flash(),
    });
    view = new CallView(session, {
      ...(acceptedAt === null ? {} : { since: acceptedAt }),
      screenShare: true,
      extras: [recording.element, invite.element],
      controls: [
        invite.toggle,
        ...(recording.requestButton ? [recording.requestButton] : []),
        ...(items.snapshotButton ? [items.snapshotButton] : []),
      ],
      after: [items.element],
      // Recording: the last chunk goes up before the call ends (the server takes none after).
      beforeHangUp: () => recording.finish(),
    });
    acceptedAt = null;
    invitations.remove(info.callId);
    const contextPanel = el(
      'aside',
      { className: 'call-context', label: 'calls.context' },
      el('h3', { i18n: 'calls.context' }),
      el(
        'dl',
        {},
        el('dt', { i18n: 'calls.contextRoom' }),
        el('dd', { text: roomTitle(info.roomId) }),
        el('dt', { i18n: 'calls.contextTopic' }),
        entry?.topic ? el('dd', { text: entry.topic }) : el('dd', { className: 'muted', i18n: 'calls.noTopic' }),
      ),
      viewerId ? new ViewerContextPanel(context.authed, info.roomId, viewerId, info.callId).element : null,
    );
    const element = el('div', { className: 'call-with-context', attrs: { 'data-call-id': info.callId } }, view.element, contextPanel);
    const shown = view;
    const call: ActiveCall = {
      session,
      recording,
      items,
      view: shown,
      element,
      dispose: () => {
        recording.dispose();
        items.dispose();
        invite.dispose();
        shown.dispose();
      },
    };
    active.set(info.callId, call);
    ring.remove(entry?.ticketId ?? '');
    session.onChange(() => {
      if (session.state.kind !== 'ended' || !active.has(info.callId)) return;
      active.delete(info.callId);
      call.dispose();
      renderCalls();
      const ended = session.state;
      toast(ended.kind === 'ended' && ended.reason === 'left' ? t('calls.youLeft') : t('calls.callEnded', { name: session.peer.displayName }));
      if (!disposed) addWrapUp(session);
      syncDevices();
    });
    renderCalls();
    shown.focus();
    for (const message of signals.take(info.callId)) session.handleSignal(message);
  };

  const accept = (roomId: string, ticketId: string | null) => {
    error.clear();
    acceptedAt = performance.now();
    if (ticketId) ring.remove(ticketId);
    calls
      .acceptCall(roomId, ticketId)
      .then((info) => startCall(info))
      .catch((failure: unknown) => {
        acceptedAt = null;
        report(failure);
      });
  };

  const stopEvents = [
    calls.on('callQueue', (entries) => {
      queue.setEntries(entries);
      // An offer whose viewer is no longer waiting, or rings someone else now, has moved on.
      for (const offer of ring.offers) {
        const entry = entries.find((candidate) => candidate.ticketId === offer.ticketId);
        if (!entry || (entry.offeredTo !== null && entry.offeredTo !== user.id && entry.offeredTo !== status.agentId)) ring.remove(offer.ticketId);
      }
    }),
    calls.on('callOffer', (offer: CallOffer) => ring.ring(offer)),
    calls.on('agentStatus', (next) => {
      status = next;
      renderStatus();
    }),
    calls.on('callStarted', (info) => startCall(info)),
    calls.on('signal', (message) => {
      const call = active.get(message.callId);
      if (call) call.session.handleSignal(message);
      else signals.hold(message);
    }),
    calls.on('callEnded', (ended) => active.get(ended.callId)?.session.end(ended.reason)),
    calls.on('callUpdated', (info) => active.get(info.callId)?.session.update(info)),
    calls.on('recordingState', (status) => active.get(status.callId)?.recording.handle(status)),
    calls.on('callMessage', (message) => active.get(message.callId)?.items.handleMessage(message)),
    calls.on('callFile', (file) => active.get(file.callId)?.items.handleFile(file)),
    calls.on('callInvite', (invite) => {
      if (!active.has(invite.callId)) invitations.add(invite, roomTitle(invite.roomId));
    }),
  ];

  renderStatus();
  renderRooms();
  queue.setServed(servedRooms());
  loadRooms();
  void callBacks.refresh();
  syncDevices();
  void hub.start();

  return () => {
    disposed = true;
    for (const stop of stopEvents) stop();
    for (const call of [...active.values()]) call.session.hangUp();
    active.clear();
    ring.dispose();
    invitations.dispose();
    queue.dispose();
    signals.clear();
    previewEngine?.destroy();
    devices.release();
    // Leaving the page means not taking calls: away, then disconnect.
    const closing = status.available ? calls.setAvailability(false, status.capacity).catch(() => undefined) : Promise.resolve();
    void closing.finally(() => hub.stop());
  };
}
