import type { ProductCard } from './types';

/** How long after its moment a card reached by the player still pops up over the video (older ones only join the shelf). */
export const FRESH_MS = 20_000;

/** How long a card waits for a player that does not know its position (not playing): then it goes to the shelf. */
export const MAX_HOLD_MS = 30_000;

/**
 * Where the player is: a date on the stream's clock (compared with a card's `streamTime`) or on the server's
 * (compared with its `shownAt`), not known yet (hold the cards), or no clock at all (show them now).
 */
export type StreamPosition = { kind: 'at'; clock: 'stream' | 'server'; date: number } | { kind: 'unknown' } | { kind: 'clockless' };

/** A card the player has reached: `fresh` when it should appear over the video, not just on the shelf. */
export interface ReachedCard {
  card: ProductCard;
  fresh: boolean;
}

/**
 * The cards a page holds until its player reaches their moment. A viewer 5 s behind the live edge is
 * 5 s behind on the stream's clock too, so the card appears for them 5 s later than for one at the edge:
 * each sees it over the picture the host showed it with. Pure: the page asks `due` with its player's position.
 */
export class CardSchedule {
  private readonly _pending = new Map<string, { card: ProductCard; arrived: number }>();
  private readonly _seen = new Set<string>();

  /** Holds cards that arrived (from the hub, or the join snapshot); ones already reached are ignored. */
  add(cards: readonly ProductCard[]): void {
    for (const card of cards) {
      if (!this._seen.has(card.id) && !this._pending.has(card.id)) this._pending.set(card.id, { card, arrived: Date.now() });
    }
  }

  /** Cards from long before (the join snapshot's older ones): straight to the shelf; returns the ones not seen yet. */
  settle(cards: readonly ProductCard[]): ProductCard[] {
    const fresh = cards.filter((card) => !this._seen.has(card.id));
    for (const card of fresh) {
      this._seen.add(card.id);
      this._pending.delete(card.id);
    }
    return fresh;
  }

  get pending(): number {
    return this._pending.size;
  }

  /** The cards the player has reached, oldest first; they leave the schedule. */
  due(position: StreamPosition, now: number = Date.now()): ReachedCard[] {
    if (this._pending.size === 0) return [];
    const reached: ReachedCard[] = [];
    for (const { card, arrived } of this._pending.values()) {
      const moment = Date.parse(position.kind === 'at' && position.clock === 'server' ? card.shownAt : card.streamTime);
      if (position.kind === 'unknown') {
        if (now - arrived > MAX_HOLD_MS) reached.push({ card, fresh: false });
      } else if (position.kind === 'clockless') {
        reached.push({ card, fresh: true });
      } else if (Number.isNaN(moment) || moment <= position.date) {
        reached.push({ card, fresh: !Number.isNaN(moment) && position.date - moment <= FRESH_MS });
      }
    }
    for (const { card } of reached) {
      this._pending.delete(card.id);
      this._seen.add(card.id);
    }
    return reached.sort((a, b) => Date.parse(a.card.streamTime) - Date.parse(b.card.streamTime));
  }
}
