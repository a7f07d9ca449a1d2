import { el } from '../../shared/dom';
import { bind } from '../../shared/i18n';
import type { CallsClient } from '../../shared/calls/client';
import type { LocalMediaSource } from '../../shared/calls/local-media';
import { MAX_CAPACITY, MIN_CAPACITY, type AgentStatus } from '../../shared/calls/types';
import { WebRtcEngine } from '../../shared/playback/webrtc';
import { saveCallPreferences, type CallPreferences } from './preferences';

/** What the availability controls need of the Calls page. */
export interface AvailabilityHost {
  readonly calls: CallsClient;
  readonly userId: string;
  readonly preferences: CallPreferences;
  readonly devices: LocalMediaSource;
  /** Whether a call is in progress on the page (the devices stay open while one is). */
  inCall(): boolean;
  /** The status was shown anew (the page mirrors it in its data attributes). */
  rendered(status: AgentStatus): void;
  /** A change is asked for: the last error goes. */
  clearError(): void;
  /** A change the server refused. */
  report(failure: unknown): void;
}

/**
 * The agent's availability switch, capacity, status line and camera preview. The agent's camera opens
 * when they become available, so an accepted call starts at once; it closes when they go away with no
 * call left. The choice is remembered (see preferences.ts).
 */
export class AvailabilityControls {
  /** The switch, the capacity, the status line (the page adds its connection indicator). */
  readonly group: HTMLElement;
  /** The agent's own picture, small, beside the controls. */
  readonly preview: HTMLElement;
  /** "Go available to take calls", shown while away. */
  readonly awayHint: HTMLElement;
  private readonly _toggle: HTMLButtonElement;
  private readonly _toggleText = el('span', { className: 'availability-text' });
  private readonly _capacity: HTMLSelectElement;
  private readonly _statusText = el('span', { className: 'agent-status', attrs: { 'aria-live': 'polite' } });
  private readonly _selfPreview: HTMLVideoElement;
  private _previewEngine: WebRtcEngine | null = null;
  private _status: AgentStatus;
  private _disposed = false;

  constructor(private readonly _host: AvailabilityHost) {
    const preferences = _host.preferences;
    this._status = { agentId: _host.userId, available: preferences.available, capacity: preferences.capacity, activeCalls: 0 };
    this._toggle = el('button', { className: 'availability-toggle', attrs: { 'type': 'button', 'role': 'switch', 'aria-checked': 'false' } });
    this._toggle.append(el('span', { className: 'availability-dot', attrs: { 'aria-hidden': 'true' } }), this._toggleText);
    bind(this._toggle, 'calls.availableLabel', undefined, 'aria-label');
    this._capacity = el('select', { className: 'capacity-select', attrs: { id: 'calls-capacity' } });
    for (let n = MIN_CAPACITY; n <= MAX_CAPACITY; n++) this._capacity.append(el('option', { text: String(n), attrs: { value: String(n) } }));
    this._capacity.value = String(preferences.capacity);
    this._selfPreview = el('video', { className: 'agent-self-preview', attrs: { 'playsinline': true, 'aria-hidden': 'true' } });
    this._selfPreview.muted = true;
    this._selfPreview.hidden = true;
    this.awayHint = el('p', { className: 'calls-away-hint muted', i18n: 'calls.goAvailable' });
    this.group = el(
      'div',
      { className: 'calls-controls', label: 'calls.availability', attrs: { role: 'group' } },
      this._toggle,
      el('label', { className: 'capacity-label', attrs: { for: 'calls-capacity' } }, el('span', { i18n: 'calls.capacity' }), this._capacity),
      this._statusText,
    );
    this.preview = el('figure', { className: 'agent-self' }, this._selfPreview);

    this._toggle.addEventListener('click', () => {
      _host.clearError();
      this.apply(!this._status.available, Number(this._capacity.value)).catch((failure: unknown) => _host.report(failure));
    });
    this._capacity.addEventListener('change', () => {
      _host.clearError();
      this.apply(this._status.available, Number(this._capacity.value)).catch((failure: unknown) => {
        _host.report(failure);
        this._capacity.value = String(this._status.capacity);
      });
    });
  }

  get status(): AgentStatus {
    return this._status;
  }

  /** Event `agentStatus`: availability or load changed elsewhere (another tab, a call ending). */
  set status(next: AgentStatus) {
    this._status = next;
    this.render();
  }

  /** Tells the server (and remembers) the agent's availability and capacity. */
  async apply(available: boolean, capacity: number): Promise<void> {
    const result = await this._host.calls.setAvailability(available, capacity);
    const preferences = this._host.preferences;
    this._status = result;
    preferences.available = result.available;
    preferences.capacity = result.capacity;
    saveCallPreferences(this._host.userId, preferences);
    this.render();
    this.syncDevices();
  }

  render(): void {
    const status = this._status;
    this._host.rendered(status);
    this._toggle.setAttribute('aria-checked', String(status.available));
    this._toggle.classList.toggle('on', status.available);
    bind(this._toggleText, status.available ? 'calls.available' : 'calls.away');
    this._capacity.value = String(status.capacity);
    bind(this._statusText, 'calls.status', { active: status.activeCalls, capacity: status.capacity });
    this.awayHint.hidden = status.available;
  }

  /** Opens the devices while available (so a call starts without waiting), closes them when away with no call. */
  syncDevices(): void {
    const devices = this._host.devices;
    if (this._status.available || this._host.inCall()) {
      if (!devices.current) void devices.get().then(() => !this._disposed && this._showPreview());
    } else if (devices.current) {
      devices.release();
      this._showPreview();
    }
  }

  dispose(): void {
    this._disposed = true;
    this._previewEngine?.destroy();
  }

  private _showPreview(): void {
    const tracks = this._host.devices.current?.stream.getVideoTracks() ?? [];
    this._previewEngine?.destroy();
    this._previewEngine = null;
    this._selfPreview.hidden = tracks.length === 0;
    if (tracks.length === 0) return;
    this._previewEngine = new WebRtcEngine(new MediaStream(tracks), true);
    this._previewEngine.attach(this._selfPreview);
    this._previewEngine.start();
  }
}
