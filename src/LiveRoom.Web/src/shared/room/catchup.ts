import { api } from '../api';
import { type ChatList, MAX_CATCH_UP, messageSequence } from './chat';
import type { ChatMessage } from '../types';

/**
 * Keeps a page's chat whole across reconnects. The first join snapshot starts the list; a later one (after
 * a drop) is merged into what the page already shows, and what was said between the last message the page
 * saw and the snapshot's first is read from the chat history (up to {@link MAX_CATCH_UP} messages; the list
 * says when older ones were skipped).
 */
export class ChatCatchUp {
  /** How many join snapshots the page has had: the first is the start, later ones follow a reconnect. */
  private _snapshots = 0;

  constructor(
    private readonly _roomId: string,
    private readonly _chat: ChatList,
  ) {}

  /** Shows the chat of a join snapshot. */
  apply(recentChat: ChatMessage[]): void {
    const lastSeen = this._chat.lastSeen;
    const generation = ++this._snapshots;
    if (generation > 1) this._chat.rejoin(recentChat);
    else this._chat.reset(recentChat);
    const first = recentChat[0];
    // After a drop, the snapshot's last messages may begin well after the last one this page saw.
    if (generation > 1 && first && messageSequence(first.id) > lastSeen + 1) {
      void this._catchUp(lastSeen, messageSequence(first.id), generation);
    }
  }

  /** Reads the chat said while the page was away, between `lastSeen` and the snapshot's first message. */
  private async _catchUp(lastSeen: number, firstInSnapshot: number, generation: number): Promise<void> {
    const after = Math.max(lastSeen, firstInSnapshot - 1 - MAX_CATCH_UP);
    try {
      const missed = await api.getChat(this._roomId, String(after), MAX_CATCH_UP);
      if (generation !== this._snapshots) return;
      this._chat.insertHistory(
        missed.filter((m) => messageSequence(m.id) < firstInSnapshot),
        after > lastSeen,
      );
    } catch {
      // The snapshot is shown; the missed history is a courtesy and not worth an error.
    }
  }
}
