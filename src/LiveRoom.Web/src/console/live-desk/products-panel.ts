import '../../shared/products/products.css';
import { ApiError, type Authed } from '../../shared/api';
import { button, confirmDialog, el, InlineError, toast } from '../../shared/dom';
import { bind, t, type MessageKey } from '../../shared/i18n';
import { productsApi } from '../../shared/products/products-api';
import type { Product, ProductRequest } from '../../shared/products/types';

/** The largest image the server keeps (LiveRoom:Products:MaxImageBytes by default): checked here first to save the upload. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The product list as the desk knows it. */
type ListState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; products: Product[] };

/** What the form is doing: closed, adding a new product, or changing one; `busy` names the step in progress. */
type FormState = { kind: 'closed' } | { kind: 'open'; editing: Product | null; busy: MessageKey | null };

let panels = 0;

/**
 * The live desk's products (docs/PRODUCTS.md): the room's list with a "Show" button on each (every staff
 * member at the desk may show one: viewers see its card when their picture reaches that moment), and, for
 * staff who sell (admins, hosts, marketers), adding, changing and deleting products with their image.
 */
export class ProductsPanel {
  readonly element: HTMLElement;
  private readonly _id = `products-${++panels}`;
  private readonly _list = el('ul', { className: 'desk-product-list' });
  private readonly _message = el('p', { className: 'desk-products-message' });
  private readonly _error = new InlineError(0);
  private readonly _form = el('form', { className: 'desk-product-form', attrs: { novalidate: true } });
  private readonly _addButton: HTMLButtonElement;
  private _listState: ListState = { kind: 'loading' };
  private _formState: FormState = { kind: 'closed' };

  constructor(
    private readonly _roomId: string,
    private readonly _authed: Authed,
    private readonly _canManage: boolean,
  ) {
    this._addButton = button('products.add', () => this._openForm(null), { className: 'small secondary' });
    this._addButton.hidden = !_canManage;
    this._form.hidden = true;
    this._form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this._save();
    });
    this.element = el(
      'section',
      { className: 'desk-products', attrs: { 'aria-labelledby': `${this._id}-heading` } },
      el('div', { className: 'desk-products-head' }, el('h3', { i18n: 'products.deskTitle', attrs: { id: `${this._id}-heading` } }), this._addButton),
      this._error.element,
      this._message,
      this._list,
      this._form,
    );
    this._render();
  }

  load(): void {
    this._listState = { kind: 'loading' };
    this._render();
    this._authed((token) => productsApi.list(token, this._roomId))
      .then((products) => {
        this._listState = { kind: 'ready', products };
        this._render();
      })
      .catch(() => {
        this._listState = { kind: 'failed' };
        this._render();
      });
  }

  private _render(): void {
    const state = this._listState;
    this._message.hidden = state.kind === 'ready' && state.products.length > 0;
    this._message.replaceChildren();
    if (state.kind === 'loading') bind(this._message, 'products.deskLoading');
    else if (state.kind === 'failed') {
      this._message.append(el('span', { i18n: 'products.deskLoadFailed' }), ' ', button('products.retry', () => this.load(), { className: 'small secondary' }));
    } else if (state.products.length === 0) bind(this._message, 'products.deskEmpty');
    this._list.replaceChildren(...(state.kind === 'ready' ? state.products.map((p) => this._item(p)) : []));
    this._list.hidden = state.kind !== 'ready' || state.products.length === 0;
  }

  private _item(product: Product): HTMLLIElement {
    const image = product.imageUrl
      ? el('img', { className: 'desk-product-image', attrs: { src: product.imageUrl, alt: '' } })
      : el('span', { className: 'desk-product-image desk-product-noimage', i18n: 'products.noImage' });
    const show = button('products.show', () => void this._show(product, show), { className: 'small' });
    bind(show, 'products.showLabel', { title: product.title }, 'aria-label');
    const actions = el('div', { className: 'desk-product-actions' }, show);
    if (this._canManage) {
      const edit = button('products.edit', () => this._openForm(product), { className: 'small secondary' });
      const remove = button('products.delete', () => void this._delete(product), { className: 'small secondary' });
      actions.append(edit, remove);
    }
    return el(
      'li',
      { className: 'desk-product', attrs: { 'data-product-id': product.id } },
      image,
      el(
        'div',
        { className: 'desk-product-text' },
        el('strong', { className: 'desk-product-title', text: product.title }),
        el('span', { className: 'desk-product-price', text: product.price }),
        product.couponCode ? el('code', { className: 'desk-product-coupon', text: product.couponCode }) : null,
      ),
      actions,
    );
  }

  private async _show(product: Product, trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    bind(trigger, 'products.showing');
    try {
      await this._authed((token) => productsApi.show(token, this._roomId, product.id));
      toast(t('products.shown', { title: product.title }));
      trigger.closest('li')?.setAttribute('data-shown', 'true');
    } catch (error) {
      this._error.show(error instanceof ApiError ? error.userMessage : t('error.generic'));
    } finally {
      trigger.disabled = false;
      bind(trigger, 'products.show');
    }
  }

  private async _delete(product: Product): Promise<void> {
    if (!(await confirmDialog(t('products.deleteConfirm', { title: product.title }), 'products.delete', 'products.cancel'))) return;
    try {
      await this._authed((token) => productsApi.remove(token, this._roomId, product.id));
      if (this._listState.kind === 'ready') this._listState = { kind: 'ready', products: this._listState.products.filter((p) => p.id !== product.id) };
      this._render();
    } catch (error) {
      this._error.show(error instanceof ApiError ? error.userMessage : t('error.generic'));
    }
  }

  /** Puts a saved product in the list, where it was (or at the end). */
  private _put(saved: Product): void {
    const products = this._listState.kind === 'ready' ? this._listState.products : [];
    const at = products.findIndex((p) => p.id === saved.id);
    this._listState = { kind: 'ready', products: at < 0 ? [...products, saved] : products.map((p) => (p.id === saved.id ? saved : p)) };
    this._render();
  }

  private _openForm(editing: Product | null): void {
    this._formState = { kind: 'open', editing, busy: null };
    this._error.clear();
    const field = (name: string, label: MessageKey, value: string, attrs: Record<string, string | boolean> = {}) => {
      const id = `${this._id}-${name}`;
      return el('div', { className: 'field' }, el('label', { i18n: label, attrs: { for: id } }), el('input', { attrs: { id, name, value, ...attrs } }));
    };
    this._form.replaceChildren(
      el('h4', { i18n: editing ? 'products.edit' : 'products.add' }),
      field('title', 'products.title', editing?.title ?? '', { required: true, maxlength: '80', autocomplete: 'off' }),
      field('price', 'products.price', editing?.price ?? '', { required: true, maxlength: '32', autocomplete: 'off' }),
      field('link', 'products.link', editing?.link ?? '', { required: true, type: 'url', maxlength: '2000', inputmode: 'url', placeholder: 'https://' }),
      field('coupon', 'products.couponCode', editing?.couponCode ?? '', { maxlength: '40', autocomplete: 'off' }),
      field('image', 'products.image', '', { type: 'file', accept: 'image/jpeg,image/png,image/webp' }),
      el('p', { className: 'desk-product-progress', attrs: { 'role': 'status', 'aria-live': 'polite' } }),
      el(
        'div',
        { className: 'desk-product-form-actions' },
        el('button', { className: 'small', i18n: 'products.save', attrs: { type: 'submit' } }),
        button('products.cancel', () => this._closeForm(), { className: 'small secondary' }),
      ),
    );
    const price = this._form.querySelector<HTMLInputElement>('input[name=price]');
    if (price) bind(price, 'products.pricePlaceholder', undefined, 'placeholder');
    this._form.hidden = false;
    this._addButton.hidden = true;
    this._form.querySelector<HTMLInputElement>('input[name=title]')?.focus();
  }

  private _closeForm(): void {
    this._formState = { kind: 'closed' };
    this._form.hidden = true;
    this._form.replaceChildren();
    this._addButton.hidden = !this._canManage;
    this._addButton.focus();
  }

  private _setBusy(step: MessageKey | null): void {
    if (this._formState.kind !== 'open') return;
    this._formState = { ...this._formState, busy: step };
    const progress = this._form.querySelector<HTMLElement>('.desk-product-progress');
    if (progress) {
      if (step) bind(progress, step);
      else progress.textContent = '';
    }
    for (const control of this._form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = step !== null;
  }

  private async _save(): Promise<void> {
    const state = this._formState;
    if (state.kind !== 'open' || state.busy) return;
    const value = (name: string) => this._form.querySelector<HTMLInputElement>(`input[name=${name}]`)?.value.trim() ?? '';
    const file = this._form.querySelector<HTMLInputElement>('input[name=image]')?.files?.[0] ?? null;
    if (file && file.size > MAX_IMAGE_BYTES) {
      this._error.show(t('products.imageTooLarge'));
      return;
    }
    const request: ProductRequest = { title: value('title'), price: value('price'), link: value('link'), couponCode: value('coupon') || null };
    this._error.clear();
    this._setBusy('products.saving');
    try {
      const saved = await this._authed((token) =>
        state.editing ? productsApi.update(token, this._roomId, state.editing.id, request) : productsApi.add(token, this._roomId, request),
      );
      // Saved: from now on the form changes this product (a refused image must not add it a second time).
      this._formState = { kind: 'open', editing: saved, busy: 'products.saving' };
      this._put(saved);
      if (file) {
        this._setBusy('products.uploading');
        this._put(await this._authed((token) => productsApi.uploadImage(token, this._roomId, saved.id, file)));
      }
      this._closeForm();
    } catch (error) {
      this._setBusy(null);
      this._error.show(error instanceof ApiError ? error.userMessage : t('error.generic'));
    }
  }
}
