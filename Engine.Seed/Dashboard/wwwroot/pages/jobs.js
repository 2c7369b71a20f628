// Jobs: filter by state, queue and kind, newest first, a page at a time; reloads live as jobs change.

import { get, ApiError } from '../lib/api.js';
import { h, fill, badge, shortId, ago, duration, between, notice, table } from '../lib/dom.js';
import { reloadOnChange } from '../lib/live-list.js';

const STATES = ['available', 'scheduled', 'running', 'retryable', 'completed', 'discarded', 'cancelled'];
const PAGE = 25;
// The cursors of the pages before this one, per filter, so that "Newer" can go back.
const trail = new Map();

export function render(context, { params }) {
  const filter = { state: params.get('state') ?? '', queue: params.get('queue') ?? '', kind: params.get('kind') ?? '' };
  const after = params.get('after') ?? '';
  const key = JSON.stringify(filter);
  const cursors = trail.get(key) ?? [];
  trail.set(key, cursors);

  const select = (name, label, options) => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('select', { id: `filter-${name}`, name, onchange: apply },
      h('option', { value: '' }, `Any ${name}`),
      options.map(o => h('option', { value: o, selected: o === filter[name] }, o))));
  const queueSelect = select('queue', 'Queue', [filter.queue].filter(Boolean));
  const kindSelect = select('kind', 'Kind', [filter.kind].filter(Boolean));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: e => e.preventDefault() },
    select('state', 'State', STATES), queueSelect, kindSelect,
    h('a', { href: '#/jobs', class: 'button' }, 'Clear'));
  const list = h('div', { class: 'card list' }, h('p', { class: 'muted' }, 'Loading…'));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  function apply() {
    const query = new URLSearchParams();
    for (const name of ['state', 'queue', 'kind']) {
      const value = form.elements[name].value;
      if (value) query.set(name, value);
    }
    location.hash = `#/jobs${query.size ? `?${query}` : ''}`;
  }

  function go(cursor) {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    if (cursor) query.set('after', cursor);
    location.hash = `#/jobs${query.size ? `?${query}` : ''}`;
  }

  // Queue and kind choices come from the cluster (what its members serve) and what holds jobs.
  function options(snapshot) {
    const refill = (selectEl, values, current) => {
      const el = selectEl.querySelector('select');
      const wanted = [...new Set([...values, current].filter(Boolean))].sort();
      const have = [...el.options].slice(1).map(o => o.value);
      if (JSON.stringify(have) === JSON.stringify(wanted)) return;
      fill(el, h('option', { value: '' }, `Any ${el.name}`), wanted.map(o => h('option', { value: o, selected: o === current }, o)));
    };
    refill(queueSelect, snapshot.queues.map(q => q.queue), filter.queue);
    refill(kindSelect, snapshot.members.flatMap(m => Object.keys(m.kinds ?? {})), filter.kind);
  }

  async function load() {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    query.set('limit', PAGE);
    if (after) query.set('after', after);
    let page;
    try {
      page = await context.call(() => get(`/api/jobs?${query}`));
    } catch (error) {
      if (error instanceof ApiError) fill(list, notice(error.message, 'error'));
      throw error;
    }
    fill(list, table(['Job', 'Kind', 'Queue', 'State', 'Attempt', 'Node', 'Enqueued', 'Took'],
      page.jobs.map(job => h('tr', { dataset: { job: job.id } },
        h('td', {}, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, shortId(job.id))),
        h('td', {}, job.kind),
        h('td', {}, job.queue),
        h('td', {}, badge(job.state)),
        h('td', { class: 'num' }, `${job.attempt} / ${job.maxAttempts}`),
        h('td', {}, context.nodeName(job.node)),
        h('td', {}, ago(job.enqueuedAt)),
        h('td', { class: 'num' }, duration(between(job.startedAt, job.completedAt))))),
      { empty: 'No job matches these filters.', label: 'Jobs' }));
    fill(pager,
      h('button', { type: 'button', disabled: !after, onclick: () => go(cursors.pop() ?? '') }, '← Newer'),
      h('span', { class: 'muted' }, `Page ${cursors.length + 1}`),
      h('button', { type: 'button', disabled: !page.next, onclick: () => { cursors.push(after); go(page.next); } }, 'Older →'));
  }

  if (!after) cursors.length = 0;
  load().catch(() => {});
  const stopOptions = context.feed.subscribe(options);
  const stopReload = reloadOnChange(context.feed, load);
  const el = h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Jobs'), h('p', { class: 'muted' }, 'Newest first; the list follows changes as they happen.')),
    form, list, pager);
  return { el, dispose: () => { stopOptions(); stopReload(); } };
}
