// The overview: traffic now and over the last minutes, queues, latency, nodes and datasets at a glance.

import { h, fill, count, rate, duration, badge, table } from '../lib/dom.js';
import { lineChart, stackedBar } from '../lib/chart.js';

const SERIES = [
  { key: 'submitted', label: 'submitted', fill: false },
  { key: 'completed', label: 'completed', fill: true },
  { key: 'failed', label: 'failed', fill: false },
];
const WINDOWS = [[60, '1 min'], [300, '5 min'], [600, '10 min']];

function stat(key, title, value, detail, href) {
  const body = [h('span', { class: 'stat-title' }, title), h('strong', { class: 'stat-value', dataset: { stat: key } }, value), h('span', { class: 'stat-detail' }, detail)];
  return href ? h('a', { class: `stat stat-${key}`, href }, body) : h('div', { class: `stat stat-${key}` }, body);
}

/** Average per second over the last n complete seconds. */
function recent(points, key, n = 10) {
  const last = points.slice(-n);
  return last.length ? last.reduce((sum, p) => sum + p[key], 0) / last.length : 0;
}

export function render(context) {
  let window = 600;
  const stats = h('section', { class: 'stats', 'aria-label': 'Key numbers' });
  const chart = h('div', { class: 'chart-box' });
  const legend = h('ul', { class: 'legend' }, SERIES.map(s => h('li', { class: `series-${s.key}` }, s.label)));
  const windowButtons = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Time window' },
    WINDOWS.map(([seconds, text]) => h('button', {
      type: 'button', 'aria-pressed': String(seconds === window),
      onclick: event => {
        window = seconds;
        for (const b of windowButtons.children) b.setAttribute('aria-pressed', String(b === event.currentTarget));
        draw(context.feed.latest);
      },
    }, text)));
  const queues = h('div');
  const nodes = h('div');
  const sets = h('div');

  const el = h('div', { class: 'page overview' },
    h('h1', { class: 'visually-hidden' }, 'Overview'),
    stats,
    h('section', { class: 'card', 'aria-labelledby': 'traffic' },
      h('div', { class: 'card-head' }, h('h2', { id: 'traffic' }, 'Jobs per second'), legend, windowButtons),
      chart),
    h('section', { class: 'card', 'aria-labelledby': 'queues' }, h('div', { class: 'card-head' }, h('h2', { id: 'queues' }, 'Queues'), h('a', { href: '#/jobs' }, 'All jobs →')), queues),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'nodes' }, h('div', { class: 'card-head' }, h('h2', { id: 'nodes' }, 'Nodes'), h('a', { href: '#/cluster' }, 'Cluster →')), nodes),
      h('section', { class: 'card', 'aria-labelledby': 'sets' }, h('div', { class: 'card-head' }, h('h2', { id: 'sets' }, 'Datasets'), h('a', { href: '#/datasets' }, 'All datasets →')), sets)));

  function draw(snapshot) {
    if (!snapshot) {
      fill(chart, h('p', { class: 'muted' }, 'Waiting for the first snapshot…'));
      return;
    }
    const points = context.feed.points();
    const sum = key => snapshot.queues.reduce((total, q) => total + q[key], 0);
    const latency = snapshot.latency;
    fill(stats,
      stat('submitted', 'Submitted', `${rate(recent(points, 'submitted'))}/s`, `${count(snapshot.totals.submitted)} since the seed started`),
      stat('completed', 'Completed', `${rate(recent(points, 'completed'))}/s`, `${count(snapshot.totals.completed)} since the seed started`),
      stat('failed', 'Failed attempts', `${rate(recent(points, 'failed'))}/s`, `${count(snapshot.totals.failed)} since the seed started`),
      stat('running', 'Running', count(sum('running')), `${count(sum('available') + sum('scheduled') + sum('retryable'))} waiting`, '#/jobs?state=running'),
      stat('dead', 'Dead letters', count(sum('discarded')), 'discarded jobs', '#/dlq'),
      stat('latency', 'Latency p50 · p95 · p99', latency.count ? `${duration(latency.p50)}` : '—',
        latency.count ? `p95 ${duration(latency.p95)} · p99 ${duration(latency.p99)} · ${count(latency.count)} jobs in the last minute` : 'no job completed in the last minute'));

    const end = points.length ? points.at(-1).t : Math.floor(Date.parse(snapshot.at) / 1000) - 1;
    const last = points.at(-1) ?? { submitted: 0, completed: 0, failed: 0 };
    fill(chart, lineChart(points, {
      series: SERIES, window, end,
      description: `Jobs per second over the last ${WINDOWS.find(w => w[0] === window)[1]}: in the last second ${last.submitted} submitted, ${last.completed} completed, ${last.failed} failed.`,
    }));

    fill(queues, table(['Queue', 'Workers', 'Available', 'Scheduled', 'Running', 'Retryable', 'Completed', 'Dead', 'Cancelled', 'Waiting and running'],
      snapshot.queues.map(q => {
        const active = q.available + q.scheduled + q.running + q.retryable;
        return h('tr', { dataset: { queue: q.queue } },
          h('th', { scope: 'row' }, h('a', { href: `#/jobs?queue=${encodeURIComponent(q.queue)}` }, q.queue)),
          h('td', { class: 'num' }, q.workers || '—'),
          ['available', 'scheduled', 'running', 'retryable', 'completed', 'discarded', 'cancelled'].map(state =>
            h('td', { class: `num ${q[state] ? `text-${state}` : 'zero'}`, dataset: { state } },
              q[state] ? h('a', { href: `#/jobs?queue=${encodeURIComponent(q.queue)}&state=${state}` }, count(q[state])) : '0')),
          h('td', { class: 'bar-cell' }, stackedBar([
            { value: q.available, className: 'fill-available', label: `${q.available} available` },
            { value: q.scheduled + q.retryable, className: 'fill-retryable', label: `${q.scheduled + q.retryable} scheduled or retryable` },
            { value: q.running, className: 'fill-running', label: `${q.running} running` },
          ], Math.max(active, 1))));
      }), { empty: 'No queue has jobs yet.', label: 'Jobs per queue and state' }));

    fill(nodes, snapshot.members.length
      ? h('ul', { class: 'node-list' }, snapshot.members.map(m => h('li', { class: 'node' },
        h('span', { class: `dot ${m.reachable ? `status-${m.status}` : 'unreachable'}`, title: m.reachable ? m.status : 'unreachable' }),
        h('div', {},
          h('span', { class: 'node-name' }, m.name), ' ', h('span', { class: 'muted small' }, `${m.roles.join(', ')} · ${m.status}`),
          h('div', { class: 'node-queues' }, Object.entries(m.queues ?? {}).map(([q, n]) => h('span', { class: 'chip' }, `${q} × ${n}`)))),
        h('span', { class: 'node-running' }, h('strong', {}, count(m.runningJobs)), ' running'))))
      : h('p', { class: 'muted' }, 'No member has joined yet.'));

    fill(sets, snapshot.datasets.length
      ? h('ul', { class: 'dataset-list' }, snapshot.datasets.slice(0, 5).map(d => h('li', {},
        h('div', { class: 'dataset-line' }, h('span', {}, d.name), badge(d.status)),
        h('progress', { max: Math.max(d.rowsReceived, 1), value: d.rowsProcessed, 'aria-label': `${d.name}: ${d.rowsProcessed} of ${d.rowsReceived} rows processed` }),
        h('span', { class: 'muted small' }, `${count(d.rowsProcessed)} / ${count(d.rowsReceived)} rows · ${rate(d.rowsPerSecond)} rows/s`))))
      : h('p', { class: 'muted' }, 'No datasets yet.'));
  }

  if (!context.feed.latest) draw(null);
  const unsubscribe = context.feed.subscribe(draw);
  return { el, dispose: unsubscribe };
}
