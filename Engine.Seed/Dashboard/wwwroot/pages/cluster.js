// The cluster: members by name with roles, status, reachability, age, queues and running jobs; shards and
// entities per node (GET /api/cluster/sharding, when this seed has it); membership events as they happen.

import { get, stream, ApiError } from '../lib/api.js';
import { h, fill, count, badge, duration, clock, notice, table } from '../lib/dom.js';

const MAX_EVENTS = 200;

export function render(context) {
  const controller = new AbortController();
  const members = h('div', {}, h('p', { class: 'muted' }, 'Waiting for the first snapshot…'));
  const sharding = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const events = h('ol', { class: 'events', 'aria-label': 'Membership events, newest first' });
  const eventsEmpty = h('p', { class: 'muted' }, 'Connecting…');
  let shardKey = null;

  function drawMembers(snapshot) {
    fill(members, table(['Name', 'Roles', 'Status', 'Reachable', 'Up for', 'Queues (pool size)', 'Running jobs', 'Datasets', 'Address', 'Version'],
      snapshot.members.map(m => h('tr', { dataset: { member: m.id } },
        h('th', { scope: 'row' }, h('span', { class: 'member-name' }, m.name),
          m.address === snapshot.leader ? h('span', { class: 'tag' }, 'leader') : null,
          m.name === snapshot.seed ? h('span', { class: 'tag' }, 'this seed') : null,
          h('br'), h('code', { class: 'muted small' }, m.id)),
        h('td', {}, m.roles.join(', ')),
        h('td', {}, badge(`member-${m.status}`, m.status)),
        h('td', {}, m.reachable ? h('span', { class: 'text-completed' }, 'yes') : h('span', { class: 'text-discarded' }, 'no')),
        h('td', {}, duration(m.upSince ?? m.startedAt ? (Date.now() - Date.parse(m.upSince ?? m.startedAt)) / 1000 : null)),
        h('td', {}, Object.entries(m.queues ?? {}).map(([q, n]) => h('span', { class: 'chip' }, `${q} × ${n}`))),
        h('td', { class: 'num' }, count(m.runningJobs)),
        h('td', { class: 'num' }, count(m.datasets)),
        h('td', {}, h('code', { class: 'small' }, m.address)),
        h('td', { class: 'small' }, m.version))),
      { empty: 'No member yet.', label: 'Members' }));
    // Shards move when members come and go or datasets start: read them again then.
    const key = JSON.stringify([snapshot.members.map(m => `${m.id}:${m.status}`), snapshot.datasets.map(d => d.owner)]);
    if (key !== shardKey) {
      shardKey = key;
      loadSharding();
    }
  }

  async function loadSharding() {
    try {
      const view = await context.call(() => get('/api/cluster/sharding', { signal: controller.signal }));
      fill(sharding, view.regions.map(region => h('div', { class: 'region' },
        h('h3', {}, `Region ${region.typeName}`, h('span', { class: 'muted small' }, ` · role ${region.role} · ${count(region.shards)} of ${count(region.shardCount)} shards started · ${count(region.entities)} entities`)),
        table(['Node', 'Shards', 'Entities', 'Shards not answering'],
          region.nodes.map(n => h('tr', {},
            h('th', { scope: 'row' }, n.name ?? n.address),
            h('td', { class: 'num' }, count(n.shards)),
            h('td', { class: 'num' }, count(n.entities)),
            h('td', { class: 'num' }, n.failedShards ? h('span', { class: 'text-discarded' }, count(n.failedShards)) : '0'))),
          { empty: 'No node hosts this region yet.', label: `Shards of ${region.typeName}` }))));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        fill(sharding, notice('Shard statistics are not available on this seed (GET /api/cluster/sharding answered 404).'));
      } else if (error instanceof ApiError) {
        fill(sharding, notice(`Shard statistics could not be read: ${error.message}`, 'error'));
      }
    }
  }

  function addEvent(e) {
    context.rememberName(e.memberId, e.name);
    eventsEmpty.remove();
    events.prepend(h('li', { class: `event event-${e.kind}` },
      h('time', { datetime: e.at }, clock(e.at)),
      h('span', { class: 'event-kind' }, e.kind === 'current' ? 'present' : e.kind),
      h('strong', {}, e.name ?? context.knownName(e.memberId) ?? e.address),
      badge(`member-${e.status}`, e.status),
      e.reachable ? null : h('span', { class: 'text-discarded' }, 'unreachable')));
    while (events.children.length > MAX_EVENTS) events.lastElementChild.remove();
  }

  (async () => {
    try {
      await stream('/api/cluster/events', (_, e) => addEvent(e), controller.signal);
    } catch {
      // Aborted when the page closes; a lost stream leaves the events shown so far.
    }
  })();

  const stop = context.feed.subscribe(drawMembers);
  const el = h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Cluster'), h('p', { class: 'muted' }, 'Members of the Akka.NET cluster as this seed sees them.')),
    h('section', { class: 'card', 'aria-labelledby': 'members' }, h('h2', { id: 'members' }, 'Members'), members),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'shards' }, h('h2', { id: 'shards' }, 'Shards and entities per node'), sharding),
      h('section', { class: 'card', 'aria-labelledby': 'events-title' }, h('h2', { id: 'events-title' }, 'Membership events'), eventsEmpty, events)));
  return { el, dispose: () => { controller.abort(); stop(); } };
}
