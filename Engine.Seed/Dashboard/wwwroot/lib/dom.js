// Small DOM helpers: elements are built with h(), never from HTML strings, so data is never markup.

/** h('td', {class: 'x', onclick: f}, 'text', child, [more]) → an element. */
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const number = new Intl.NumberFormat('en');
export const count = n => number.format(n ?? 0);

export function rate(perSecond) {
  if (!perSecond) return '0';
  return perSecond >= 100 ? number.format(Math.round(perSecond)) : perSecond.toFixed(perSecond >= 10 ? 1 : 2).replace(/\.?0+$/, '');
}

/** Seconds as "850 ms", "2.4 s", "3 min 5 s", "2 h 4 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.round((seconds % 86400) / 3600)} h`;
}

export const between = (from, to) => (from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : null);

/** "12 s ago", with the exact time as a tooltip. */
export function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  const text = seconds < 1 ? 'just now' : `${duration(seconds).replace(/ \d+ (s|min)$/, '')} ago`;
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString() }, text);
}

export const clock = iso => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '—');

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A coloured state word. */
export const badge = (state, extra) => h('span', { class: `badge state-${state}` }, extra ?? state);

/** The end of an id (a UUIDv7 begins with its time, so jobs made together share their start), the whole one as a tooltip. */
export const shortId = id => h('code', { title: id }, id.length > 12 ? `…${id.slice(-8)}` : id);

/** A pretty-printed JSON block. */
export const json = value => h('pre', { class: 'json' }, value === undefined || value === null ? '—' : JSON.stringify(value, null, 2));

/** A message in the page: role=status for news, role=alert for errors. */
export function notice(text, kind = 'info') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function table(headers, rows, { empty = 'Nothing here.', caption, label } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { 'aria-label': label },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, headers.map(header => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.length ? rows : h('tr', { class: 'empty' }, h('td', { colspan: headers.length }, empty)))));
}
