// One job: what it was asked, what it answered, every attempt, and the actions that apply (cancel, retry).
// Follows the job live through GET /api/jobs/{id}/events until it is final.

import { get, post, stream, blobUrl, ApiError } from '../lib/api.js';
import { h, fill, badge, json, notice, table, clock, duration, between, bytes } from '../lib/dom.js';

const FINAL = ['completed', 'discarded', 'cancelled'];

export function render(context, { id }) {
  const controller = new AbortController();
  const urls = new Set();
  const status = h('div', { class: 'action-status' });
  const body = h('div', { class: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
  let shownKey = null;

  async function image(blobId, alt) {
    const img = h('img', { alt, loading: 'lazy' });
    try {
      const url = await blobUrl(`/api/blobs/${encodeURIComponent(blobId)}`, controller.signal);
      urls.add(url);
      img.src = url;
    } catch {
      img.replaceWith(h('span', { class: 'muted' }, 'image no longer stored'));
    }
    return img;
  }

  async function act(action) {
    status.replaceChildren();
    try {
      const updated = await context.call(() => post(`/api/jobs/${encodeURIComponent(id)}/${action}`));
      fill(status, notice(action === 'retry' ? `Re-driven: the job is ${updated.state} again.` : updated.state === 'cancelled' ? 'Cancelled.' : 'Asked to stop: the node running it cancels the attempt.'));
      await load();
      follow();
    } catch (error) {
      if (error instanceof ApiError) fill(status, notice(error.message, 'error'));
    }
  }

  // Every failed attempt (the errors, in order: a re-driven job keeps those of its earlier runs), then the
  // attempt under way or that ended the job, unless the last error is that attempt.
  function attempts(job) {
    const rows = job.errors.map(e => h('tr', { dataset: { attempt: e.attempt } },
      h('td', { class: 'num' }, e.attempt),
      h('td', {}, context.nodeName(e.node)),
      h('td', {}, clock(e.at)),
      h('td', {}, badge('failed')),
      h('td', { class: 'error-text' }, e.message)));
    const last = job.errors.at(-1);
    const endedByLastError = last && last.attempt === job.attempt && (!job.startedAt || Date.parse(last.at) >= Date.parse(job.startedAt));
    if (job.startedAt && job.attempt > 0 && !endedByLastError) {
      rows.push(h('tr', { dataset: { attempt: job.attempt } },
        h('td', { class: 'num' }, job.attempt),
        h('td', {}, context.nodeName(job.node)),
        h('td', {}, clock(job.startedAt)),
        h('td', {}, badge(job.state)),
        h('td', {})));
    }
    return table(['Attempt', 'Node', 'At', 'Outcome', 'Error'], rows, { empty: 'Not started yet.', label: 'Attempts' });
  }

  async function result(job) {
    if (job.kind === 'image.thumbnail' && job.result?.outputs) {
      const figures = await Promise.all(job.result.outputs.map(async o => h('figure', { class: 'thumb' },
        await image(o.blobId, `Thumbnail ${o.width}×${o.height}`),
        h('figcaption', {}, `${o.width}×${o.height} ${o.format} · ${bytes(o.bytes)}`))));
      const input = job.result.input;
      return h('div', {},
        input ? h('p', { class: 'muted' }, `Input: ${input.width}×${input.height} ${input.format}, ${bytes(input.bytes)}`) : null,
        h('div', { class: 'thumbs', 'aria-label': 'Thumbnails' }, figures));
    }
    if (job.kind === 'inference.classify' && job.result?.predictions) {
      return h('div', { class: 'classify' },
        job.payload?.input ? h('figure', { class: 'thumb input' }, await image(job.payload.input, 'The classified image'), h('figcaption', {}, 'input')) : null,
        h('div', { class: 'predictions' },
          h('p', {}, 'Model ', h('strong', {}, job.result.model)),
          h('ol', { 'aria-label': 'Top predictions' }, job.result.predictions.map(p => h('li', { class: 'prediction' },
            h('span', { class: 'label' }, p.label ?? `class ${p.index}`),
            h('meter', { min: 0, max: 1, value: p.score, 'aria-label': `${p.label ?? p.index} score` }),
            h('span', { class: 'score num' }, `${(p.score * 100).toFixed(1)}%`))))));
    }
    return json(job.result);
  }

  async function load() {
    const job = await context.call(() => get(`/api/jobs/${encodeURIComponent(id)}`, { signal: controller.signal }));
    const key = JSON.stringify(job);
    if (key === shownKey) return job;
    shownKey = key;
    const actions = [];
    if (!FINAL.includes(job.state)) actions.push(h('button', { type: 'button', class: 'danger', disabled: job.cancelRequested, onclick: () => act('cancel') }, job.cancelRequested ? 'Stopping…' : 'Cancel'));
    if (job.state === 'discarded' || job.state === 'cancelled') actions.push(h('button', { type: 'button', class: 'primary', onclick: () => act('retry') }, 'Retry'));
    const facts = [
      ['Kind', job.kind], ['Queue', job.queue], ['State', badge(job.state)], ['Attempts', `${job.attempt} of ${job.maxAttempts}`],
      ['Priority', job.priority], ['Node', context.nodeName(job.node)], ['Enqueued', clock(job.enqueuedAt)],
      ['Started', clock(job.startedAt)], ['Finished', clock(job.completedAt)],
      ['Waited', duration(between(job.enqueuedAt, job.startedAt))], ['Ran', duration(between(job.startedAt, job.completedAt))],
      job.scheduledAt ? ['Scheduled for', clock(job.scheduledAt)] : null,
      job.uniqueKey ? ['Unique key', job.uniqueKey] : null,
    ].filter(Boolean);
    fill(body,
      h('div', { class: 'page-head' },
        h('h1', {}, `${job.kind} `, h('code', { class: 'job-id' }, job.id)),
        h('div', { class: 'actions' }, actions)),
      status,
      h('section', { class: 'card' }, h('dl', { class: 'facts' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))))),
      h('section', { class: 'card', 'aria-labelledby': 'attempts' }, h('h2', { id: 'attempts' }, 'Attempts'), attempts(job)),
      h('div', { class: 'columns' },
        h('section', { class: 'card', 'aria-labelledby': 'payload' }, h('h2', { id: 'payload' }, 'Payload'), json(job.payload)),
        h('section', { class: 'card', 'aria-labelledby': 'result' }, h('h2', { id: 'result' }, 'Result'),
          job.result === undefined ? h('p', { class: 'muted' }, FINAL.includes(job.state) ? 'No result.' : 'Not finished yet.') : await result(job))));
    return job;
  }

  let following = false;
  async function follow() {
    if (following) return;
    following = true;
    try {
      // One event per state change, ending at a final state.
      await stream(`/api/jobs/${encodeURIComponent(id)}/events`, () => load().catch(() => {}), controller.signal);
      await load();
    } catch {
      // Gone or aborted: the page shows what it has.
    } finally {
      following = false;
    }
  }

  load().then(job => { if (!FINAL.includes(job.state)) follow(); }).catch(error => {
    if (error instanceof ApiError) fill(body, notice(error.status === 404 ? `No job has the id ${id}.` : error.message, 'error'));
  });

  const el = h('div', { class: 'page job' }, h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, 'Jobs'), ' / ', h('code', {}, id)), body);
  return {
    el,
    dispose() {
      controller.abort();
      for (const url of urls) URL.revokeObjectURL(url);
    },
  };
}
