import { productsApi } from '../shared/products/products-api';
import type { ViewerCards } from '../shared/products/viewer-cards';
import { recordingOffsets } from './replay-chat';

/** The replay shows the cards at the moments the live showed them, placed through the recording like the chat. */
export class ReplayCards {
  private _state: 'unread' | 'reading' | 'read' = 'unread';

  constructor(
    private readonly _roomId: string,
    private readonly _cards: ViewerCards,
  ) {}

  /** Reads the room's cards once (again after a failure) and hands them to the replay. */
  load(liveSince: string, segments: Parameters<typeof recordingOffsets>[1]): void {
    if (this._state !== 'unread') return;
    this._state = 'reading';
    productsApi
      .shelf(this._roomId)
      .then((cards) => {
        this._state = 'read';
        this._cards.replay(cards, recordingOffsets(liveSince, segments));
      })
      .catch(() => {
        this._state = 'unread';
      });
  }
}
