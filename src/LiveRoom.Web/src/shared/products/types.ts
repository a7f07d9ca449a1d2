// The product cards' shapes (docs/PRODUCTS.md).

/** A product on a room's list (staff). `price` is display text; `imageUrl` is null until an image is uploaded. */
export interface Product {
  id: string;
  roomId: string;
  title: string;
  price: string;
  link: string;
  couponCode: string | null;
  imageUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProductRequest {
  title: string;
  price: string;
  link: string;
  couponCode: string | null;
}

/**
 * A product as the host showed it. `streamTime` is the moment on the stream's clock (the HLS
 * program date-time): a page shows the card when its player reaches it. `shownAt` is the server's clock
 * (the chat's), which places the card in a replay.
 */
export interface ProductCard {
  id: string;
  roomId: string;
  productId: string;
  title: string;
  price: string;
  link: string;
  couponCode: string | null;
  imageUrl: string | null;
  shownAt: string;
  streamTime: string;
}
