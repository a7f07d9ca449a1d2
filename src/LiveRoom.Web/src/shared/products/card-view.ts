import { el } from '../dom';
import { bind, t } from '../i18n';
import type { ProductCard } from './types';

/** Only http(s) links are ever put in a page (the server refuses others; this is the page's own guard). */
export function safeLink(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * One product card: image, title, price, the coupon code (with a copy button) and the link, which opens in a
 * new tab (no opener, no referrer) and is counted through `onOpen`.
 */
export function renderCard(card: ProductCard, onOpen: (card: ProductCard) => void, headingLevel: 'h2' | 'h3' = 'h3'): HTMLElement {
  const image = card.imageUrl
    ? el('img', { className: 'product-card-image', attrs: { src: card.imageUrl, alt: '', loading: 'lazy', decoding: 'async' } })
    : el('div', { className: 'product-card-image product-card-noimage', attrs: { 'aria-hidden': 'true' } });
  const href = safeLink(card.link);
  const open = el('a', {
    className: 'product-card-open button primary',
    i18n: 'products.open',
    label: 'products.openLabel',
    labelParams: { title: card.title },
    attrs: { href: href ?? '#', target: '_blank', rel: 'noopener noreferrer' },
  });
  if (!href) open.setAttribute('aria-disabled', 'true');
  open.addEventListener('click', (event) => {
    if (!href) {
      event.preventDefault();
      return;
    }
    onOpen(card);
  });
  const coupon = card.couponCode ? couponRow(card.couponCode) : null;
  return el(
    'article',
    { className: 'product-card', attrs: { 'data-card-id': card.id, 'data-product-id': card.productId } },
    image,
    el(
      'div',
      { className: 'product-card-body' },
      el(headingLevel, { className: 'product-card-title', text: card.title }),
      el('p', { className: 'product-card-price', text: card.price }),
      coupon,
      open,
    ),
  );
}

function couponRow(code: string): HTMLElement {
  const copy = el('button', { className: 'product-card-copy', i18n: 'products.copy', attrs: { type: 'button' } });
  bind(copy, 'products.copyLabel', { code }, 'aria-label');
  copy.addEventListener('click', () => {
    void navigator.clipboard
      ?.writeText(code)
      .then(() => {
        bind(copy, 'products.copied');
      })
      .catch(() => undefined);
  });
  return el(
    'p',
    { className: 'product-card-coupon' },
    el('span', { i18n: 'products.coupon' }),
    ' ',
    el('code', { text: code, attrs: { title: t('products.coupon') } }),
    ' ',
    copy,
  );
}
