// Small helpers to build the DOM without a framework, and the console's message for a refused call.
import { ApiError } from './api.js';

export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** What to tell the operator about a failed call: 403 names the role the key lacks, 404 the missing thing. */
export function describeFailure(error, what) {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Your key lacks the role this page needs: ${error.message} (403).`;
    if (error.status === 404) return `${what} was not found for your tenant (404).`;
    return `${error.message} (${error.status}).`;
  }
  return String(error.message || error);
}

export function errorBox(id) {
  return element('p', { className: 'error', id, hidden: true });
}

export function showError(box, error, what) {
  box.hidden = false;
  box.textContent = describeFailure(error, what);
}

/** A form row: a select of the ids an admin list gives (when the key may read it) or a free text field. */
export function idPicker(id, placeholder, ids, current, onOpen) {
  const input = element('input', { id, placeholder, value: current || '' });
  const options = element('datalist', { id: id + '-list' }, ids.map(value => element('option', { value })));
  input.setAttribute('list', id + '-list');
  const open = element('button', { type: 'submit', id: id + '-open' }, 'Open');
  const form = element('form', { className: 'panel' }, input, options, ' ', open);
  form.addEventListener('submit', event => { event.preventDefault(); onOpen(input.value.trim()); });
  return form;
}
