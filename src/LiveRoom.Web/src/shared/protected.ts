import { ApiError } from './api';

/**
 * Fetches a protected file (a call's file or recording, a CSV export) with the bearer token, as a blob: a
 * link or a media element cannot send the token, so the page holds the bytes and hands out an object URL.
 */
export async function fetchProtected(url: string, token: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`);
  return response.blob();
}

/** Saves a protected file under its name: fetched with the token, then a temporary link to the blob. */
export async function downloadProtected(url: string, token: string, name: string): Promise<void> {
  const objectUrl = URL.createObjectURL(await fetchProtected(url, token));
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The save has its bytes once the click is handled; the URL goes a little later.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 30_000);
}
