import { Composer } from './composer';
import { button, el, InlineError, reconcileChildren } from '../dom';
import { bind } from '../i18n';
import type { Question } from '../types';

/** What a viewer can do with a question. */
export interface ViewerQuestionActions {
  kind: 'viewer';
  hasVoted(questionId: string): boolean;
  upvote(question: Question): Promise<void>;
  describeError(error: unknown): string;
}

/** What staff can do with a question. Each call rejects with a user-readable Error on refusal. */
export interface StaffQuestionActions {
  kind: 'staff';
  answer(question: Question, text: string): Promise<void>;
  pin(question: Question, pinned: boolean): Promise<void>;
  dismiss(question: Question): Promise<void>;
  describeError(error: unknown): string;
  /** The longest answer the server takes (the room snapshot's limits). */
  maxAnswerLength(): number;
}

export type QuestionActions = ViewerQuestionActions | StaffQuestionActions;

/**
 * The order questions are shown in: the pinned one on top, then most votes first, then the oldest
 * first (the room's own order), then by id so the order is total. Dismissed ones go last.
 */
export function compareQuestions(a: Question, b: Question): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const aDismissed = a.status === 'dismissed';
  if (aDismissed !== (b.status === 'dismissed')) return aDismissed ? 1 : -1;
  if (a.votes !== b.votes) return b.votes - a.votes;
  const byTime = Date.parse(a.askedAt) - Date.parse(b.askedAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Entry {
  question: Question;
  item: HTMLLIElement;
  update(question: Question): void;
}

/** The Q&A list: upserted by id, kept sorted; DOM nodes are reused so open answer boxes survive. */
export class QuestionList {
  readonly element: HTMLElement;
  private readonly _list: HTMLOListElement;
  private readonly _empty: HTMLParagraphElement;
  private readonly _entries = new Map<string, Entry>();
  readonly error = new InlineError();
  /** Called after every change with the number of open questions (for a tab badge). */
  onCountChange: ((openCount: number) => void) | undefined;
  private _readOnly = false;

  constructor(private readonly _actions: QuestionActions) {
    this._list = el('ol', { className: 'question-list', label: 'qa.list' });
    this._empty = el('p', { className: 'empty-state', i18n: 'qa.empty' });
    this.element = el('div', { className: 'qa-scroll' }, this.error.element, this._empty, this._list);
  }

  reset(questions: readonly Question[]): void {
    this._entries.clear();
    this._list.replaceChildren();
    this.upsert(questions);
  }

  /** Read-only (the live has ended): questions stay visible, the viewer's upvote buttons go. */
  setReadOnly(readOnly: boolean): void {
    if (this._readOnly === readOnly) return;
    this._readOnly = readOnly;
    this.element.classList.toggle('read-only', readOnly);
    for (const entry of this._entries.values()) entry.update(entry.question);
  }

  upsert(questions: readonly Question[]): void {
    for (const question of questions) {
      const entry = this._entries.get(question.id);
      if (entry) entry.update(question);
      else this._entries.set(question.id, this._create(question));
    }
    this._reorder();
  }

  private _visible(question: Question): boolean {
    return this._actions.kind === 'staff' || question.status !== 'dismissed';
  }

  private _reorder(): void {
    const sorted = [...this._entries.values()]
      .filter((entry) => this._visible(entry.question))
      .sort((a, b) => compareQuestions(a.question, b.question));
    // Only out-of-place nodes move, so an answer box being typed in keeps its focus.
    reconcileChildren(this._list, sorted.map((entry) => entry.item));
    this._empty.hidden = sorted.length > 0;
    this.onCountChange?.(sorted.filter((entry) => entry.question.status === 'open').length);
  }

  private _create(initial: Question): Entry {
    const item = el('li', { className: 'question', attrs: { 'data-id': initial.id } });
    const votes = el('span', { className: 'question-votes' });
    const flags = el('div', { className: 'question-flags' });
    const text = el('p', { className: 'question-text' });
    const author = el('p', { className: 'question-author' });
    const answer = el('div', { className: 'question-answer' });
    const answerBy = el('p', { className: 'question-answer-by' });
    const answerText = el('p', { className: 'question-answer-text' });
    answer.append(answerBy, answerText);
    const actions = el('div', { className: 'question-actions' });
    const head = el('div', { className: 'question-head' }, votes, flags);
    item.append(head, text, author, answer, actions);

    const entry: Entry = {
      question: initial,
      item,
      update: (question) => {
        entry.question = question;
        item.classList.toggle('pinned', question.pinned);
        item.classList.toggle('answered', question.status === 'answered');
        item.classList.toggle('dismissed', question.status === 'dismissed');
        bind(votes, question.votes === 1 ? 'qa.vote' : 'qa.votes', { n: question.votes });
        votes.setAttribute('data-votes', String(question.votes));
        flags.replaceChildren(
          ...(question.pinned ? [el('span', { className: 'badge badge-pinned', i18n: 'qa.pinned' })] : []),
          ...(question.status === 'answered' ? [el('span', { className: 'badge badge-answered', i18n: 'qa.answered' })] : []),
          ...(question.status === 'dismissed' ? [el('span', { className: 'badge badge-dismissed', i18n: 'qa.dismissed' })] : []),
        );
        text.textContent = question.text;
        bind(author, 'qa.askedBy', { name: question.askedBy.displayName });
        answer.hidden = !question.answer;
        answerText.textContent = question.answer ?? '';
        const by = question.answeredBy;
        if (by) bind(answerBy, 'qa.answerBy', { name: by.displayName });
        answerBy.hidden = !by;
        if (by) answerBy.dataset['role'] = by.role;
        updateActions(question);
      },
    };

    const updateActions =
      this._actions.kind === 'viewer' ? this._viewerActions(head, entry, this._actions) : this._staffActions(actions, entry, this._actions);
    entry.update(initial);
    return entry;
  }

  /** The viewer's one action, upvote, sits at the end of the question's first line. */
  private _viewerActions(head: HTMLElement, entry: Entry, viewer: ViewerQuestionActions): (question: Question) => void {
    let busy = false;
    const upvote = button(
      'qa.upvote',
      () => {
        busy = true;
        upvote.disabled = true;
        this.error.clear();
        viewer
          .upvote(entry.question)
          .catch((error: unknown) => this.error.show(viewer.describeError(error)))
          .finally(() => {
            busy = false;
            render(entry.question);
          });
      },
      { className: 'upvote' },
    );
    head.append(upvote);
    const render = (question: Question) => {
      const voted = viewer.hasVoted(question.id);
      bind(upvote, voted ? 'qa.upvoted' : 'qa.upvote');
      bind(upvote, 'qa.upvoteLabel', { n: question.votes }, 'aria-label');
      upvote.setAttribute('aria-pressed', String(voted));
      upvote.disabled = busy || voted || question.status === 'dismissed' || this._readOnly;
      upvote.hidden = this._readOnly;
    };
    return render;
  }

  private _staffActions(actions: HTMLElement, entry: Entry, staff: StaffQuestionActions): (question: Question) => void {
    const run = (target: HTMLButtonElement, work: () => Promise<void>) => {
      target.disabled = true;
      this.error.clear();
      work()
        .catch((error: unknown) => this.error.show(staff.describeError(error)))
        .finally(() => (target.disabled = false));
    };
    const composer = new Composer({
      label: 'mod.answerLabel',
      placeholder: 'mod.answerPlaceholder',
      submit: 'mod.publishAnswer',
      maxLength: staff.maxAnswerLength(),
      className: 'answer-composer',
      onSubmit: async (text) => {
        await staff.answer(entry.question, text);
        composer.element.hidden = true;
      },
      describeError: (error) => staff.describeError(error),
    });
    composer.element.hidden = true;
    const answer = button('mod.answer', () => {
      composer.element.hidden = !composer.element.hidden;
      if (!composer.element.hidden) {
        if (!composer.input.value && entry.question.answer) composer.input.value = entry.question.answer;
        composer.input.dispatchEvent(new Event('input'));
        composer.input.focus();
      }
    }, { className: 'small' });
    const pin = button('mod.pin', () => run(pin, () => staff.pin(entry.question, !entry.question.pinned)), { className: 'small secondary' });
    const dismiss = button('mod.dismiss', () => run(dismiss, () => staff.dismiss(entry.question)), { className: 'small secondary' });
    actions.append(answer, pin, dismiss);
    actions.after(composer.element);
    return (question) => {
      bind(answer, question.answer ? 'mod.editAnswer' : 'mod.answer');
      answer.setAttribute('aria-expanded', String(!composer.element.hidden));
      bind(pin, question.pinned ? 'mod.unpin' : 'mod.pin');
      pin.setAttribute('aria-pressed', String(question.pinned));
      const closed = question.status === 'dismissed';
      answer.hidden = closed;
      dismiss.hidden = closed;
      pin.hidden = closed;
    };
  }
}
