// Datasets: progress (rows received / processed), speed, status and failure, and the node hosting each entity.

import { h, fill, count, rate, badge, ago, notice, table } from '../lib/dom.js';

export function render(context) {
  const list = h('div', { class: 'card list' }, h('p', { class: 'muted' }, 'Waiting for the first snapshot…'));
  const stop = context.feed.subscribe(snapshot => {
    fill(list, snapshot.datasets.length
      ? table(['Dataset', 'Processor', 'Status', 'Progress', 'Rows/s', 'Hosted on', 'Errors', 'Updated'],
        snapshot.datasets.map(d => h('tr', { dataset: { dataset: d.id } },
          h('th', { scope: 'row' }, h('span', { class: 'dataset-name' }, d.name), h('br'), h('code', { class: 'muted small' }, d.id)),
          h('td', {}, d.processor),
          h('td', {}, badge(d.status), d.sealed && d.status !== 'completed' ? h('span', { class: 'muted small' }, ' sealed') : null),
          h('td', { class: 'progress-cell' },
            h('progress', { max: Math.max(d.rowsReceived, 1), value: d.rowsProcessed, 'aria-label': `${d.name}: ${d.rowsProcessed} of ${d.rowsReceived} rows processed` }),
            h('span', { class: 'small' }, `${count(d.rowsProcessed)} / ${count(d.rowsReceived)} rows`)),
          h('td', { class: 'num' }, rate(d.rowsPerSecond)),
          h('td', {}, d.ownerName ?? (d.owner ? context.nodeName(d.owner) : h('span', { class: 'muted' }, 'no node (idle)'))),
          h('td', { class: 'num' }, count(d.errorCount)),
          h('td', {}, ago(d.updatedAt)))).flatMap((row, i) => {
          const d = snapshot.datasets[i];
          return d.failure
            ? [row, h('tr', { class: 'failure-row' }, h('td', { colspan: 8 }, notice(`Stopped at row ${d.failure.seq}: ${d.failure.message}`, 'error')))]
            : [row];
        }), { label: 'Datasets' })
      : h('p', { class: 'muted' }, 'No datasets yet: create one with ', h('code', {}, 'aq datasets create NAME --processor running-stats'), ' and upload rows with ', h('code', {}, 'aq datasets upload ID FILE.csv'), '.'));
  });
  const el = h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Datasets'), h('p', { class: 'muted' }, 'Ordered row processing: each dataset is one entity on one node, applying its rows in sequence.')),
    list);
  return { el, dispose: stop };
}
