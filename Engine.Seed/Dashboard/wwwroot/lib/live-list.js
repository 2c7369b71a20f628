// Reloads a list when the feed says jobs changed: at most once a second, never two loads at once.

export function reloadOnChange(feed, load) {
  let seen = null;
  let busy = false;
  let again = false;
  let last = 0;
  let timer = null;
  async function run() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    last = Date.now();
    try {
      await load();
    } catch {
      // The page shows its own errors; the next change tries again.
    } finally {
      busy = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      run();
    }, Math.max(0, 1000 - (Date.now() - last)));
  }
  const unsubscribe = feed.subscribe(snapshot => {
    if (seen !== null && snapshot.changes !== seen) schedule();
    seen = snapshot.changes;
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
