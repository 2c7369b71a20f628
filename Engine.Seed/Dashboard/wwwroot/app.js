// The dashboard's shell: hash routes (#/, #/jobs, #/jobs/ID, #/dlq, #/datasets, #/cluster), the live feed
// shared by the pages, node names, and the sign-in page shown whenever the seed answers 401.

import { Unauthorized, token } from './lib/api.js';
import { Feed } from './lib/feed.js';
import * as overview from './pages/overview.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as dlq from './pages/dlq.js';
import * as datasets from './pages/datasets.js';
import * as cluster from './pages/cluster.js';
import * as signin from './pages/signin.js';

const main = document.getElementById('main');
const live = document.getElementById('live');
const mode = document.getElementById('mode');
const dlqCount = document.getElementById('dlq-count');
const signOut = document.getElementById('sign-out');

let page = null;
let signingIn = false;

// Names of every member seen while the page is open: a job run by a member that has left still shows its name.
const names = new Map();

const feed = new Feed({
  onUnauthorized: error => showSignIn(error),
  onStatus: status => {
    live.className = `live ${status}`;
    live.textContent = { live: 'live', connecting: 'connecting…', offline: 'reconnecting…' }[status];
  },
});

feed.subscribe(snapshot => {
  for (const member of snapshot.members) names.set(member.id, member.name);
  mode.hidden = false;
  mode.textContent = `${snapshot.mode} · ${snapshot.store}`;
  mode.title = `Seed ${snapshot.seed}; store ${snapshot.store}`;
  const dead = snapshot.queues.reduce((sum, q) => sum + q.discarded, 0);
  dlqCount.hidden = dead === 0;
  dlqCount.textContent = dead;
});

const context = {
  feed,
  /** A member's name from its id (host:port-uid), or the id when it was never seen. */
  nodeName: id => (id ? names.get(id) ?? id : '—'),
  /** The name of a member seen while the page is open (a removed member's event may carry none), or undefined. */
  knownName: id => names.get(id),
  rememberName: (id, name) => name && names.set(id, name),
  /** Runs an API call of a page; a 401 turns the page into the sign-in page. */
  async call(action) {
    try {
      return await action();
    } catch (error) {
      if (error instanceof Unauthorized) showSignIn(error);
      throw error;
    }
  },
};

function route() {
  if (signingIn) return;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query ?? '');
  const [name, view] = parts[0] === 'jobs' && parts[1] ? ['jobs', job] :
    ({ jobs: ['jobs', jobs], dlq: ['dlq', dlq], datasets: ['datasets', datasets], cluster: ['cluster', cluster] })[parts[0]] ?? ['overview', overview];
  page?.dispose?.();
  page = view.render(context, { id: parts[1], params });
  main.replaceChildren(page.el);
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function showSignIn(error) {
  if (signingIn) return;
  signingIn = true;
  feed.stop();
  page?.dispose?.();
  page = null;
  const rejected = token.get() !== null;
  token.clear();
  document.body.classList.add('signed-out');
  signOut.hidden = true;
  main.replaceChildren(signin.render({ rejected, problem: error?.problem, onSignedIn: start }).el);
}

function start() {
  signingIn = false;
  document.body.classList.remove('signed-out');
  signOut.hidden = token.get() === null;
  feed.start();
  route();
}

signOut.addEventListener('click', () => {
  token.clear();
  location.reload();
});
window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', event => {
  if (event.reason instanceof Unauthorized) {
    event.preventDefault();
    showSignIn(event.reason);
  }
});
start();
