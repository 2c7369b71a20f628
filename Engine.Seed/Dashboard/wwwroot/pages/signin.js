// Shown instead of any page when the seed answers 401: asks for the --api-token, says plainly when it was wrong.

import { request, token, Unauthorized } from '../lib/api.js';
import { h, notice } from '../lib/dom.js';

export function render({ rejected, problem, onSignedIn }) {
  const message = h('div', { class: 'signin-message' },
    rejected
      ? notice(`The token was not accepted (401 ${problem?.title ?? 'Unauthorized'}): ${problem?.detail ?? 'it does not match the seed\'s --api-token.'} Enter the right one.`, 'error')
      : null);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true, autofocus: true });
  const remember = h('input', { id: 'remember', type: 'checkbox' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to ActorQueue'),
    h('p', {}, 'This seed was started with ', h('code', {}, '--api-token'), ': every API request needs that token. Enter it to see the dashboard.'),
    message,
    h('label', { for: 'token' }, 'API token'),
    input,
    h('label', { class: 'check', for: 'remember' }, remember, ' Remember on this computer (otherwise until this tab closes)'),
    button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    try {
      // Any route behind the token tells whether it is right.
      await request('/api/cluster', { bearer: input.value.trim() });
      token.set(input.value.trim(), remember.checked);
      onSignedIn();
    } catch (error) {
      message.replaceChildren(error instanceof Unauthorized
        ? notice(`Wrong token: the seed answered 401 (${error.problem?.detail ?? 'not accepted'}).`, 'error')
        : notice(`The seed could not be reached: ${error.message}`, 'error'));
      input.select();
    } finally {
      button.disabled = false;
    }
  });
  return { el: h('section', { class: 'signin-page' }, form) };
}
