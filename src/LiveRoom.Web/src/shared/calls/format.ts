import { locale, t } from '../i18n';
import type { WaitRange } from './types';

/** "about 2–4 min", "about 3 min", "under a minute", "over an hour": a range rounded to minutes. */
export function waitText(range: WaitRange): string {
  if (range.maxSeconds < 60) return t('call.waitUnderMinute');
  const low = Math.max(1, Math.round(range.minSeconds / 60));
  const high = Math.max(low, Math.round(range.maxSeconds / 60));
  if (low >= 60) return t('call.waitOverHour');
  return low === high ? t('call.waitAbout', { n: low }) : t('call.waitRange', { min: low, max: high });
}

/** A duration as m:ss (h:mm:ss from an hour on). */
export function clockText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 1.2 MB, 340 KB: a size as people read it. */
export function sizeText(bytes: number): string {
  const format = (value: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))} MB`;
  return `${format(Math.max(1, bytes / 1024))} KB`;
}
