import './products.css';
import { button, el } from '../dom';
import { bind } from '../i18n';
import { CardSchedule, type StreamPosition } from './card-schedule';
import { renderCard } from './card-view';
import type { ProductCard } from './types';

/** How often the page compares its player's position with the cards it holds. */
const TICK_MS = 200;
/** How long a card stays over the video (it stays on the shelf). */
const OVERLAY_MS = 30_000;

export interface ViewerCardsOptions {
  /** Where the player is on the stream's clock (live), see {@link StreamPosition}. */
  position: () => StreamPosition;
  /** The viewer opened a card's link. */
  opened: (card: ProductCard) => void;
  /** How many cards the shelf holds (the page shows it on the Products tab). */
  countChanged?: (count: number) => void;
}

/**
 * The viewer's product cards: the card over the video (when the player reaches the moment the host showed
 * it) and the shelf of every card shown so far (the Products tab). Live, the cards arrive from the hub
 * ahead of the picture and wait in a {@link CardSchedule}; in a replay, `replayTime` places them by their
 * offset in the recording.
 */
export class ViewerCards {
  /** The card over the video: a polite live region, so a screen reader hears it appear. */
  readonly overlay: HTMLElement;
  /** The Products tab's content. */
  readonly shelf: HTMLElement;
  private readonly _overlaySlot = el('div', { className: 'card-overlay-slot' });
  private readonly _list = el('ol', { className: 'product-shelf-list' });
  private readonly _empty = el('p', { className: 'product-shelf-empty', i18n: 'products.empty' });
  private readonly _schedule = new CardSchedule();
  private readonly _onShelf = new Map<string, ProductCard>();
  private _timer: number | undefined;
  private _hideTimer: number | undefined;
  /** Replay: every card with its offset in the recording (seconds), and the offset reached. */
  private _replay: { cards: { card: ProductCard; offset: number }[]; at: number } | null = null;

  constructor(private readonly _options: ViewerCardsOptions) {
    const close = button('products.close', () => this._hideOverlay(), { className: 'card-overlay-close' });
    bind(close, 'products.closeLabel', undefined, 'aria-label');
    this.overlay = el('aside', { className: 'card-overlay', label: 'products.overlayLabel', attrs: { 'aria-live': 'polite' } }, this._overlaySlot, close);
    this.overlay.hidden = true;
    this.shelf = el('div', { className: 'product-shelf' }, el('h2', { className: 'visually-hidden', i18n: 'products.shelfTitle' }), this._empty, this._list);
    this._render();
  }

  /** Live: the join snapshot's shelf. The older cards go straight to the shelf; the newest waits for the player like any card. */
  snapshot(cards: readonly ProductCard[]): void {
    if (this._replay) return;
    const last = cards[cards.length - 1];
    const recent = last && Date.now() - Date.parse(last.shownAt) < 60_000 ? last : null;
    for (const card of this._schedule.settle(cards.filter((c) => c !== recent))) this._shelve(card);
    if (recent) this.shown([recent]);
    else this._render();
  }

  /** Live: cards the host just showed (the hub's `cardShown`). */
  shown(cards: readonly ProductCard[]): void {
    if (this._replay) return;
    this._schedule.add(cards);
    this._tick();
    if (this._schedule.pending > 0 && this._timer === undefined) this._timer = window.setInterval(() => this._tick(), TICK_MS);
  }

  /** Replay: the room's cards placed at their offsets in the recording (`offsetOf` maps a card's wall-clock moment). */
  replay(cards: readonly ProductCard[], offsetOf: (moment: number) => number): void {
    window.clearInterval(this._timer);
    this._timer = undefined;
    this._replay = {
      cards: cards.map((card) => ({ card, offset: offsetOf(Date.parse(card.shownAt)) })).sort((a, b) => a.offset - b.offset),
      at: -1,
    };
    this.replayTime(0);
  }

  /** Replay: the playhead moved. Cards up to it are on the shelf; one just passed appears over the video. */
  replayTime(seconds: number): void {
    const replay = this._replay;
    if (!replay) return;
    const before = replay.at;
    replay.at = seconds;
    this._onShelf.clear();
    let popped: ProductCard | null = null;
    for (const { card, offset } of replay.cards) {
      if (offset > seconds) break;
      this._onShelf.set(card.productId, card);
      // Played through (not jumped to from far away): the card appears as it did live.
      if (offset > before && seconds - offset < 2 && seconds - before < 2) popped = card;
    }
    this._render();
    if (popped) this._showOverlay(popped);
  }

  dispose(): void {
    window.clearInterval(this._timer);
    window.clearTimeout(this._hideTimer);
  }

  private _tick(): void {
    const position = this._options.position();
    const reached = this._schedule.due(position);
    if (this._schedule.pending === 0) {
      window.clearInterval(this._timer);
      this._timer = undefined;
    }
    if (reached.length === 0) return;
    for (const { card } of reached) this._shelve(card);
    this._render();
    const fresh = reached.filter((r) => r.fresh).pop();
    if (!fresh) return;
    this._showOverlay(fresh.card);
    // Where the picture was when the card went up, on which clock (tests compare it with the card's moment).
    if (position.kind === 'at') {
      this.overlay.dataset['reachedPosition'] = String(Math.round(position.date));
      this.overlay.dataset['reachedClock'] = position.clock;
    } else delete this.overlay.dataset['reachedPosition'];
  }

  private _shelve(card: ProductCard): void {
    // A product shown again moves to the top of the shelf with its latest card.
    this._onShelf.delete(card.productId);
    this._onShelf.set(card.productId, card);
  }

  private _showOverlay(card: ProductCard): void {
    this._overlaySlot.replaceChildren(renderCard(card, (c) => this._options.opened(c), 'h2'));
    this.overlay.dataset['cardId'] = card.id;
    // When this page put the card up (tests compare two pages' moments).
    this.overlay.dataset['reachedAt'] = String(Date.now());
    this.overlay.hidden = false;
    window.clearTimeout(this._hideTimer);
    this._hideTimer = window.setTimeout(() => this._hideOverlay(), OVERLAY_MS);
  }

  private _hideOverlay(): void {
    window.clearTimeout(this._hideTimer);
    this.overlay.hidden = true;
  }

  private _render(): void {
    const cards = [...this._onShelf.values()].reverse();
    this._list.replaceChildren(...cards.map((card) => el('li', {}, renderCard(card, (c) => this._options.opened(c)))));
    this._empty.hidden = cards.length > 0;
    this._list.hidden = cards.length === 0;
    this._options.countChanged?.(cards.length);
  }
}
