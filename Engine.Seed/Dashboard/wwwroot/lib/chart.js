// A line chart in plain SVG: time on x, one line per series, a nice rounded scale on y.

import { h } from './dom.js';

const W = 1160;
const H = 290;
const PAD = { left: 46, right: 14, top: 14, bottom: 28 };

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least value. */
function niceCeiling(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const label = n => (n >= 1000 ? `${+(n / 1000).toFixed(1)}k` : `${+n.toFixed(2)}`);

/**
 * points: [{t, …}] (t in Unix seconds), series: [{key, label, colour}], window: seconds shown, ending at end.
 * Returns an <svg> that scales with its container.
 */
export function lineChart(points, { series, window, end, description }) {
  const start = end - window;
  const shown = points.filter(p => p.t >= start && p.t <= end);
  const max = niceCeiling(Math.max(1, ...shown.flatMap(p => series.map(s => p[s.key]))));
  const x = t => PAD.left + ((t - start) / window) * (W - PAD.left - PAD.right);
  const y = v => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);

  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': description, dataset: { end } });
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    svg.append(
      h('svg:line', { x1: PAD.left, x2: W - PAD.right, y1: y(value), y2: y(value), class: i ? 'grid' : 'axis' }),
      h('svg:text', { x: PAD.left - 8, y: y(value) + 4, class: 'tick', 'text-anchor': 'end' }, label(value)));
  }
  const step = window <= 60 ? 10 : window <= 300 ? 60 : 120;
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    const time = new Date(t * 1000).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit', second: window <= 60 ? '2-digit' : undefined });
    svg.append(
      h('svg:line', { x1: x(t), x2: x(t), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: 'axis' }),
      h('svg:text', { x: x(t), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, time));
  }
  for (const s of series) {
    if (!shown.length) break;
    const line = shown.map(p => `${x(p.t).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
    if (s.fill) {
      const area = `${x(shown[0].t).toFixed(1)},${y(0)} ${line} ${x(shown.at(-1).t).toFixed(1)},${y(0)}`;
      svg.append(h('svg:polygon', { points: area, class: `area series-${s.key}` }));
    }
    svg.append(h('svg:polyline', { points: line, class: `line series-${s.key}`, dataset: { series: s.key } }));
  }
  return svg;
}

/** A horizontal bar split by parts [{value, className, label}], for queue depths. */
export function stackedBar(parts, total) {
  const svg = h('svg:svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', class: 'stack', 'aria-hidden': 'true' });
  let offset = 0;
  for (const part of parts) {
    if (!part.value || !total) continue;
    const width = (part.value / total) * 100;
    svg.append(h('svg:rect', { x: offset, y: 0, width, height: 8, class: part.className }, h('svg:title', {}, part.label)));
    offset += width;
  }
  return svg;
}
