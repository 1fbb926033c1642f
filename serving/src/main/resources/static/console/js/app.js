// The console's shell: login, navigation by location.hash (#/warehouse/w1, #/store/s1, #/models, #/keys).
import { credentials, remember, forget, verify, ApiError } from './api.js';
import { showWarehouse } from './warehouse.js';
import { showStore } from './store.js';
import { showModels } from './models.js';
import { showKeys } from './keys.js';
import { element } from './dom.js';

const pages = { warehouse: showWarehouse, store: showStore, models: showModels, keys: showKeys };
const page = document.getElementById('page');
let stopPage = null;

function showLogin(message) {
  document.getElementById('nav').hidden = true;
  const error = element('p', { className: 'error', id: 'login-error', hidden: !message }, message || '');
  const keyId = element('input', { id: 'key-id', placeholder: 'key id', autocomplete: 'username', required: true });
  const secret = element('input', { id: 'secret', type: 'password', placeholder: 'secret', autocomplete: 'current-password', required: true });
  const form = element('form', { className: 'login', id: 'login' },
    element('h2', {}, 'Log in with an API key'),
    keyId, secret, element('button', { type: 'submit', id: 'login-button' }, 'Log in'), error,
    element('p', { className: 'notice' }, 'The secret stays in this tab (sessionStorage); every call is signed here and the secret is never sent.'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const key = { keyId: keyId.value.trim(), secret: secret.value };
    try {
      await verify(key);
      remember(key.keyId, key.secret);
      if (!location.hash || location.hash === '#/login') location.hash = '#/warehouse';
      route();
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError && e.status === 401
        ? 'Login failed: the key id or the secret is wrong (' + e.message + ')'
        : 'Login failed: ' + e.message;
    }
  });
  page.replaceChildren(form);
}

function route() {
  if (stopPage) { stopPage(); stopPage = null; }
  const key = credentials();
  if (!key) { showLogin(); return; }
  document.getElementById('nav').hidden = false;
  document.getElementById('who').textContent = 'key ' + key.keyId;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const show = pages[name] || pages.warehouse;
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.id === 'nav-' + (pages[name] ? name : 'warehouse'));
  }
  page.replaceChildren();
  stopPage = show(page, rest.map(decodeURIComponent), () => { forget(); showLogin('Your key was refused: log in again.'); }) || null;
}

document.getElementById('logout').addEventListener('click', () => { forget(); location.hash = ''; route(); });
window.addEventListener('hashchange', route);
route();
