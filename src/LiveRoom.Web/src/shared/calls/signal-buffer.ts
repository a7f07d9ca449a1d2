import type { SignalMessage } from './types';

/** How long signals of a call the page does not know yet are kept. */
const HOLD_MS = 10_000;

/**
 * Signals that arrive for a call before the page has made its session (an answer racing the
 * `AcceptCall` result, a candidate just ahead of `callStarted`): kept briefly, handed over once the
 * session exists.
 */
export class SignalBuffer {
  private readonly _held = new Map<string, { messages: SignalMessage[]; timer: number }>();

  hold(message: SignalMessage): void {
    let entry = this._held.get(message.callId);
    if (!entry) {
      const timer = window.setTimeout(() => this._held.delete(message.callId), HOLD_MS);
      entry = { messages: [], timer };
      this._held.set(message.callId, entry);
    }
    if (entry.messages.length < 200) entry.messages.push(message);
  }

  /** The call's held signals, in arrival order; they are no longer held. */
  take(callId: string): SignalMessage[] {
    const entry = this._held.get(callId);
    if (!entry) return [];
    window.clearTimeout(entry.timer);
    this._held.delete(callId);
    return entry.messages;
  }

  clear(): void {
    for (const entry of this._held.values()) window.clearTimeout(entry.timer);
    this._held.clear();
  }
}
