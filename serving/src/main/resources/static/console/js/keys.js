// The tenant's keys: list, create (the secret is shown this once), revoke. Role admin.
import { call } from './api.js';
import { element, errorBox, showError } from './dom.js';

const ROLES = ['storefront', 'store-device', 'robot', 'wms', 'admin'];

export function showKeys(root) {
  const error = errorBox('keys-error');
  const rows = element('tbody', { id: 'keys-rows' });
  const created = element('div', { id: 'key-created' });
  const boxes = ROLES.map(role => element('label', {}, element('input', { type: 'checkbox', value: role, name: 'role' }), ' ' + role + ' '));
  const robot = element('input', { id: 'key-robot', placeholder: 'robot id (robot keys)' });
  const form = element('form', { className: 'panel', id: 'key-form' }, element('h3', {}, 'New key'), boxes, robot, ' ',
    element('button', { type: 'submit', id: 'key-create' }, 'Create'), created);
  root.append(error, form, element('div', { className: 'panel' }, element('h3', {}, 'Keys'),
    element('table', {}, element('thead', {}, element('tr', {}, ['key id', 'roles', 'robot', 'created', 'state', ''].map(h => element('th', {}, h)))), rows)));

  async function load() {
    try {
      const { keys } = await call('GET', '/v1/admin/keys');
      error.hidden = true;
      rows.replaceChildren(...keys.map(key => element('tr', { dataset: { key: key.keyId } },
        element('td', {}, key.keyId), element('td', {}, key.roles.join(', ')), element('td', {}, key.robot || ''),
        element('td', {}, key.createdAt), element('td', {}, key.revoked ? 'revoked' : 'active'),
        element('td', {}, key.revoked ? '' : element('button', { type: 'button', className: 'revoke', onclick: () => revoke(key.keyId) }, 'Revoke')))));
    } catch (e) {
      showError(error, e, 'Keys');
    }
  }

  async function revoke(keyId) {
    try {
      await call('DELETE', '/v1/admin/keys/' + encodeURIComponent(keyId));
      await load();
    } catch (e) {
      showError(error, e, 'Key ' + keyId);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const roles = boxes.map(label => label.firstChild).filter(box => box.checked).map(box => box.value);
    const body = { roles };
    if (robot.value.trim()) body.robot = robot.value.trim();
    try {
      const key = await call('POST', '/v1/admin/keys', body);
      error.hidden = true;
      created.replaceChildren(element('p', { className: 'notice' }, 'Copy the secret now: it is shown this once.'),
        element('div', { className: 'secret', id: 'new-secret' }, `key id ${key.keyId}  secret ${key.secret}`));
      await load();
    } catch (e) {
      showError(error, e, 'Key');
    }
  });
  load();
}
