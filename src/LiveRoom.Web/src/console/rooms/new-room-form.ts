import { api, ApiError, type Authed } from '../../shared/api';
import { el, InlineError } from '../../shared/dom';
import { ingestPanel } from '../components/ingest';

/** The new-room form; the created room's stream settings open in `createdSlot`. */
export function newRoomForm(authed: Authed, createdSlot: HTMLElement, onCreated: () => void): HTMLElement {
  const error = new InlineError(0);
  const title = el('input', { attrs: { id: 'new-room-title', type: 'text', maxlength: '120', required: true, autocomplete: 'off' } });
  const description = el('textarea', { attrs: { id: 'new-room-description', maxlength: '2000', rows: '2' } });
  const submit = el('button', { i18n: 'rooms.create', attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'new-room-form', attrs: { novalidate: true } },
    el('h2', { i18n: 'rooms.new' }),
    el('label', { i18n: 'rooms.newTitle', attrs: { for: 'new-room-title' } }),
    title,
    el('label', { i18n: 'rooms.newDescription', attrs: { for: 'new-room-description' } }),
    description,
    error.element,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const titleText = title.value.trim();
    if (!titleText) {
      title.focus();
      return;
    }
    submit.disabled = true;
    error.clear();
    authed((token) => api.createRoom(token, titleText, description.value.trim() || null))
      .then((room) => {
        title.value = '';
        description.value = '';
        createdSlot.replaceChildren(
          ingestPanel({
            message: 'rooms.created',
            title: room.title,
            viewerUrl: room.viewerUrl,
            ingest: room.ingest,
            onClose: () => createdSlot.replaceChildren(),
          }),
        );
        onCreated();
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status !== 401) error.show(failure.userMessage);
      })
      .finally(() => (submit.disabled = false));
  });
  return form;
}
