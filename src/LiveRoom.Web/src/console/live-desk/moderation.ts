import type { ChatList, ChatModeration } from '../../shared/room/chat';
import { el, toast } from '../../shared/dom';
import type { RoomConnection } from '../../shared/hub';
import { t } from '../../shared/i18n';

// The room view's moderation controls on the staff console: delete, mute and ban from the chat, and the
// room's wait for new viewers.

/** The moderator's hooks on each chat message; `chat` is the list they act on. */
export function chatModeration(
  chat: () => ChatList,
  requireHub: () => RoomConnection,
  report: (error: unknown) => void,
): ChatModeration {
  return {
    deleteMessage: async (message) => {
      try {
        await requireHub().deleteMessage(message.id);
        chat().remove([message.id]);
      } catch (error) {
        report(error);
      }
    },
    setMuted: async (sender, muted) => {
      try {
        const participant = await requireHub().muteViewer(sender.id, muted);
        chat().setMuted(participant.id, participant.muted);
        toast(t(participant.muted ? 'mod.mutedToast' : 'mod.unmutedToast', { name: sender.displayName }));
      } catch (error) {
        report(error);
      }
    },
    setBanned: async (sender, banned) => {
      try {
        const participant = await requireHub().banViewer(sender.id, banned);
        const nowBanned = participant.banned ?? banned;
        chat().setBanned(participant.id, nowBanned);
        toast(t(nowBanned ? 'mod.bannedToast' : 'mod.unbannedToast', { name: sender.displayName }));
      } catch (error) {
        report(error);
      }
    },
  };
}

/** The room's "new here" wait: how long a new viewer identity waits before its first message. */
export class NewViewerDelayForm {
  readonly element: HTMLFormElement;
  private readonly _input: HTMLInputElement;

  constructor(requireHub: () => RoomConnection, report: (error: unknown) => void) {
    const delayInput = el('input', {
      className: 'new-viewer-delay',
      attrs: { id: 'new-viewer-delay', type: 'number', min: '0', max: '86400', step: '1', inputmode: 'numeric' },
    });
    delayInput.value = '0';
    // Disabled until the room's current wait is known, so nothing typed before is overwritten by it.
    delayInput.disabled = true;
    const delayForm = el(
      'form',
      { className: 'mod-setting' },
      el('label', { i18n: 'mod.newViewerDelay', attrs: { for: 'new-viewer-delay' } }),
      delayInput,
      el('button', { className: 'small secondary', i18n: 'mod.newViewerDelaySave', attrs: { type: 'submit' } }),
    );
    delayForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const seconds = Number.parseInt(delayInput.value, 10);
      requireHub()
        .setNewViewerDelay(Number.isFinite(seconds) ? seconds : -1)
        .then((settings) => {
          delayInput.value = String(settings.newViewerDelaySeconds);
          toast(settings.newViewerDelaySeconds > 0 ? t('mod.newViewerDelaySaved', { n: settings.newViewerDelaySeconds }) : t('mod.newViewerDelayOff'));
        })
        .catch(report);
    });
    this._input = delayInput;
    this.element = delayForm;
  }

  /** Reads the room's current wait (on each join snapshot) and enables the field. */
  load(hub: RoomConnection | null): void {
    const delayInput = this._input;
    void hub
      ?.getModeration()
      .then((settings) => {
        // After a reconnect, leave a value the moderator is typing alone.
        if (document.activeElement !== delayInput) delayInput.value = String(settings.newViewerDelaySeconds);
      })
      .catch(() => undefined)
      .finally(() => (delayInput.disabled = false));
  }
}
