import './calls.css';
import { el, InlineError } from '../../shared/dom';
import { t } from '../../shared/i18n';
import { CallsClient } from '../../shared/calls/client';
import { LocalMediaSource } from '../../shared/calls/local-media';
import { callErrorMessage } from '../../shared/calls/refusals';
import type { CallOffer } from '../../shared/calls/types';
import { ResilientConnection } from '../../shared/hub';
import { ConnectionIndicator } from '../../shared/widgets';
import type { PageContext, Unmount } from '../workspace';
import { ActiveCalls } from './active-calls';
import { AvailabilityControls } from './availability';
import { CallBacksList } from './callbacks-list';
import { ViewerContextPanel } from './viewer-context';
import { Invitations } from './invitations';
import { OfferRing } from './offer-ring';
import { loadCallPreferences, type CallPreferences } from './preferences';
import { QueueList } from './queue-list';
import { ServedRooms } from './served-rooms';
import { WrapUpCards } from './wrap-up';

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

  const connection = new ConnectionIndicator();
  const error = new InlineError();
  // An agent serves queues without joining the rooms: the connection joins nothing, and after every
  // (re)connection the page tells the server again what it is doing.
  const hub = new ResilientConnection(() => context.accessToken(), {
    state: (state) => connection.set(state),
    ready: () => void restore(),
    unauthorized: () => context.sessionExpired(),
  });
  const calls = new CallsClient(hub);
  const report = (failure: unknown) => error.show(callErrorMessage(failure));

  const availability = new AvailabilityControls({
    calls,
    userId: user.id,
    preferences,
    devices,
    inCall: () => active.size > 0,
    rendered: (status) => {
      page.dataset['available'] = String(status.available);
      page.dataset['activeCalls'] = String(status.activeCalls);
    },
    clearError: () => error.clear(),
    report,
  });
  availability.group.append(connection.element);

  const ring = new OfferRing({
    accept: (offer) => accept(offer.roomId, offer.ticketId),
    decline: (offer) => {
      ring.remove(offer.ticketId);
      calls.declineOffer(offer.roomId, offer.ticketId).catch(report);
    },
    expired: () => undefined,
  });
  const queue: QueueList = new QueueList(user.id, {
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
    setOpen: (roomId, open): Promise<void> => {
      error.clear();
      return calls
        .setQueueOpen(roomId, open)
        .then((result) => queue.setOpen(roomId, result))
        .catch(report);
    },
  });
  const rooms = new ServedRooms({ calls, authed: context.authed, userId: user.id, preferences, queue, report });
  const invitations = new Invitations({
    join: (invite) => {
      error.clear();
      active.accepting();
      calls
        .joinCall(invite.callId)
        .then((info) => {
          invitations.remove(invite.callId);
          active.start(info);
        })
        .catch((failure: unknown) => {
          active.notAccepted();
          invitations.remove(invite.callId);
          report(failure);
        });
    },
    // Nothing to tell the server: an invitation not taken up simply lapses.
    decline: () => undefined,
  });
  const wrapUp = new WrapUpCards(calls);
  const active: ActiveCalls = new ActiveCalls({
    calls,
    devices,
    authed: context.authed,
    userId: user.id,
    accessToken: () => context.accessToken(),
    roomTitle: (roomId) => rooms.title(roomId),
    entries: () => queue.entries,
    started: (callId, ticketId) => {
      invitations.remove(callId);
      ring.remove(ticketId);
    },
    ended: (session, leaving) => {
      if (!leaving) wrapUp.add(session);
      availability.syncDevices();
    },
    changed: (count) => page.classList.toggle('in-call', count > 0),
  });
  const callBacks = new CallBacksList(context.authed, (roomId) => rooms.title(roomId));

  const page = el(
    'div',
    { className: 'calls-page' },
    el('header', { className: 'calls-toolbar' }, el('h2', { i18n: 'calls.title' }), availability.group, availability.preview),
    error.element,
    availability.awayHint,
    ring.element,
    invitations.element,
    active.element,
    wrapUp.element,
    el('div', { className: 'calls-grid' }, queue.element, rooms.element),
    callBacks.element,
  );
  container.append(page);
  context.setTitle(t('calls.title'));

  /** After every (re)connection: the server learns again what this page is doing. */
  const restore = async () => {
    try {
      await availability.apply(preferences.available, preferences.capacity);
    } catch (failure) {
      report(failure);
    }
    await rooms.rewatch();
    active.rejoin();
  };

  const accept = (roomId: string, ticketId: string | null) => {
    error.clear();
    active.accepting();
    if (ticketId) ring.remove(ticketId);
    calls
      .acceptCall(roomId, ticketId)
      .then((info) => active.start(info))
      .catch((failure: unknown) => {
        active.notAccepted();
        report(failure);
      });
  };

  const stopEvents = [
    calls.on('callQueue', (entries) => {
      queue.setEntries(entries);
      // An offer whose viewer is no longer waiting, or rings someone else now, has moved on.
      for (const offer of ring.offers) {
        const entry = entries.find((candidate) => candidate.ticketId === offer.ticketId);
        if (!entry || (entry.offeredTo !== null && entry.offeredTo !== user.id && entry.offeredTo !== availability.status.agentId)) ring.remove(offer.ticketId);
      }
    }),
    calls.on('callQueueOpen', (changed) => queue.setOpen(changed.roomId, changed.open)),
    calls.on('callOffer', (offer: CallOffer) => ring.ring(offer)),
    calls.on('agentStatus', (next) => {
      availability.status = next;
    }),
    calls.on('callStarted', (info) => active.start(info)),
    calls.on('signal', (message) => active.signal(message)),
    calls.on('callEnded', (ended) => active.callEnded(ended)),
    calls.on('callUpdated', (info) => active.callUpdated(info)),
    calls.on('recordingState', (status) => active.recordingState(status)),
    calls.on('callMessage', (message) => active.callMessage(message)),
    calls.on('callFile', (file) => active.callFile(file)),
    calls.on('callInvite', (invite) => {
      if (!active.has(invite.callId)) invitations.add(invite, rooms.title(invite.roomId));
    }),
  ];

  availability.render();
  rooms.render();
  queue.setServed(rooms.served());
  rooms.load();
  void callBacks.refresh();
  availability.syncDevices();
  void hub.start();

  return () => {
    for (const stop of stopEvents) stop();
    active.dispose();
    rooms.dispose();
    ring.dispose();
    invitations.dispose();
    queue.dispose();
    availability.dispose();
    devices.release();
    // Leaving the page means not taking calls: away, then disconnect.
    const status = availability.status;
    const closing = status.available ? calls.setAvailability(false, status.capacity).catch(() => undefined) : Promise.resolve();
    void closing.finally(() => hub.stop());
  };
}
