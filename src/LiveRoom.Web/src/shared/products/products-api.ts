import { ApiError, request } from '../api';
import type { Product, ProductCard, ProductRequest } from './types';

// The product cards' HTTP API (docs/PRODUCTS.md).

const enc = encodeURIComponent;
const products = (roomId: string) => `/api/rooms/${enc(roomId)}/products`;

export const productsApi = {
  list: (token: string, roomId: string) => request<Product[]>('GET', products(roomId), { token }),

  add: (token: string, roomId: string, body: ProductRequest) => request<Product>('POST', products(roomId), { token, body }),

  update: (token: string, roomId: string, productId: string, body: ProductRequest) =>
    request<Product>('PUT', `${products(roomId)}/${enc(productId)}`, { token, body }),

  remove: (token: string, roomId: string, productId: string) => request<void>('DELETE', `${products(roomId)}/${enc(productId)}`, { token }),

  /** Uploads the product's image (JPEG, PNG or WebP, judged by its bytes; at most 2 MiB). */
  uploadImage: (token: string, roomId: string, productId: string, file: Blob) => uploadImage(token, `${products(roomId)}/${enc(productId)}/image`, file),

  /** Shows the product to the room now: every page shows its card when its player reaches this moment. */
  show: (token: string, roomId: string, productId: string) => request<ProductCard>('POST', `${products(roomId)}/${enc(productId)}/show`, { token }),

  /** The cards the room has shown (anyone: the replay page has no identity). */
  shelf: (roomId: string) => request<ProductCard[]>('GET', `/api/rooms/${enc(roomId)}/cards`),

  /** Counts a viewer's click on a card; sent with `keepalive` so it survives the page opening the link. */
  click: (token: string, roomId: string, productId: string) =>
    fetch(`${products(roomId)}/${enc(productId)}/clicks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
      keepalive: true,
    }).then(() => undefined),
};

async function uploadImage(token: string, path: string, file: Blob): Promise<Product> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': file.type || 'application/octet-stream', 'Accept': 'application/json' },
      credentials: 'same-origin',
      body: file,
    });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return (await response.json()) as Product;
  let detail: string | null = null;
  let code: string | null = null;
  try {
    const problem = (await response.json()) as { detail?: unknown; code?: unknown };
    if (typeof problem.detail === 'string') detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
  } catch {
    // Not JSON.
  }
  throw new ApiError(response.status, `${response.status} ${response.statusText}`, detail, code);
}
