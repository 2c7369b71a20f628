// The live feed: one stream of snapshots (GET /api/dashboard/stream) shared by every page, reconnecting with
// a growing pause when the seed goes away. The first snapshot carries the kept history; later ones repeat
// their last few seconds, merged here by time.

import { stream, Unauthorized } from './api.js';

const KEEP_SECONDS = 600;

export class Feed {
  constructor({ onUnauthorized, onStatus }) {
    this.latest = null;
    this.series = new Map();
    this.listeners = new Set();
    this.onUnauthorized = onUnauthorized;
    this.onStatus = onStatus;
    this.controller = null;
  }

  /** Calls listener(snapshot) now (if there is one) and on every snapshot; returns the unsubscribe function. */
  subscribe(listener) {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  /** The jobs-per-second points, oldest first. */
  points() {
    return [...this.series.values()].sort((a, b) => a.t - b.t);
  }

  start() {
    this.stop();
    const controller = (this.controller = new AbortController());
    this.run(controller.signal);
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
  }

  async run(signal) {
    let pause = 500;
    while (!signal.aborted) {
      try {
        this.onStatus('connecting');
        await stream('/api/dashboard/stream', (name, snapshot) => {
          if (name !== 'snapshot') return;
          pause = 500;
          this.accept(snapshot);
        }, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof Unauthorized) {
          this.onUnauthorized(error);
          return;
        }
      }
      if (signal.aborted) return;
      this.onStatus('offline');
      await new Promise(resolve => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  }

  accept(snapshot) {
    for (const point of snapshot.series) this.series.set(point.t, point);
    const oldest = Math.floor(Date.parse(snapshot.at) / 1000) - KEEP_SECONDS;
    for (const t of this.series.keys()) if (t < oldest) this.series.delete(t);
    this.latest = snapshot;
    this.onStatus('live');
    for (const listener of this.listeners) listener(snapshot);
  }
}
