// The dead-letter queue (discarded jobs): retry one, or re-drive many at once after a confirmation, at most
// a chosen number per click (oldest first), with the count of what was re-driven.

import { get, post, ApiError } from '../lib/api.js';
import { h, fill, count, shortId, ago, notice, table } from '../lib/dom.js';
import { reloadOnChange } from '../lib/live-list.js';

const PAGE = 25;
const DEFAULT_CAP = 100;
const MAX_CAP = 10000;

export function render(context) {
  const status = h('div', { class: 'action-status' });
  const list = h('div', { class: 'card list' }, h('p', { class: 'muted' }, 'Loading…'));
  const total = h('strong', { dataset: { stat: 'dead' } }, '…');
  const cap = h('input', { id: 'retry-cap', type: 'number', min: 1, max: MAX_CAP, value: DEFAULT_CAP, required: true });
  const dialogText = h('p');
  const dialog = h('dialog', { 'aria-labelledby': 'retry-all-title' },
    h('form', { method: 'dialog', class: 'dialog' },
      h('h2', { id: 'retry-all-title' }, 'Re-drive dead jobs?'),
      dialogText,
      h('label', { for: 'retry-cap' }, 'At most this many, oldest first'),
      cap,
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Cancel'),
        h('button', { type: 'submit', value: 'retry', class: 'primary' }, 'Re-drive'))));
  const retryAll = h('button', { type: 'button', class: 'primary', disabled: true, onclick: () => dialog.showModal() }, 'Retry all…');
  let dead = 0;
  let after = '';
  const cursors = [];

  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'retry') return;
    const limit = Math.min(Math.max(1, Number.parseInt(cap.value, 10) || DEFAULT_CAP), MAX_CAP);
    try {
      const answer = await context.call(() => post(`/api/dlq/retry?limit=${limit}`));
      fill(status, notice(`Re-drove ${count(answer.retried)} ${answer.retried === 1 ? 'job' : 'jobs'}; ${count(answer.remaining ?? 0)} still dead.`));
      after = '';
      cursors.length = 0;
      await load();
    } catch (error) {
      if (error instanceof ApiError) fill(status, notice(error.message, 'error'));
    }
  });

  async function retryOne(job) {
    try {
      await context.call(() => post(`/api/jobs/${encodeURIComponent(job.id)}/retry`));
      fill(status, notice(`Re-drove job …${job.id.slice(-8)} (${job.kind}): it is waiting in ${job.queue} again.`));
      await load();
    } catch (error) {
      if (error instanceof ApiError) fill(status, notice(error.message, 'error'));
    }
  }

  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  async function load() {
    const page = await context.call(() => get(`/api/jobs?state=discarded&limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`));
    fill(list, table(['Job', 'Kind', 'Queue', 'Attempts', 'Last error', 'Node', 'Died', ''],
      page.jobs.map(job => {
        const last = job.errors.at(-1);
        return h('tr', { dataset: { job: job.id } },
          h('td', {}, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, shortId(job.id))),
          h('td', {}, job.kind),
          h('td', {}, job.queue),
          h('td', { class: 'num' }, `${job.attempt} / ${job.maxAttempts}`),
          h('td', { class: 'error-text' }, last?.message ?? '—'),
          h('td', {}, context.nodeName(last?.node ?? job.node)),
          h('td', {}, ago(job.completedAt ?? last?.at)),
          h('td', {}, h('button', { type: 'button', onclick: () => retryOne(job), 'aria-label': `Retry job ${job.id}` }, 'Retry')));
      }), { empty: 'The dead-letter queue is empty.', label: 'Dead jobs' }));
    fill(pager,
      h('button', { type: 'button', disabled: !after, onclick: () => { after = cursors.pop() ?? ''; load(); } }, '← Newer'),
      h('button', { type: 'button', disabled: !page.next, onclick: () => { cursors.push(after); after = page.next; load(); } }, 'Older →'));
  }

  const stopCount = context.feed.subscribe(snapshot => {
    dead = snapshot.queues.reduce((sum, q) => sum + q.discarded, 0);
    total.textContent = count(dead);
    retryAll.disabled = dead === 0;
    dialogText.textContent = `${count(dead)} ${dead === 1 ? 'job is' : 'jobs are'} dead. Each one re-driven goes back to its queue with one more attempt allowed.`;
  });
  load().catch(() => {});
  const stopReload = reloadOnChange(context.feed, load);

  const el = h('div', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', {}, 'Dead letters'),
      h('p', { class: 'muted' }, total, ' discarded jobs: they ran out of attempts or were discarded by their handler.'),
      h('div', { class: 'actions' }, retryAll)),
    status, list, pager, dialog);
  return { el, dispose: () => { stopCount(); stopReload(); } };
}
