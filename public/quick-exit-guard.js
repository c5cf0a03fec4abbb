// Quick exit, second half (the first is src/components/QuickExit.astro). Loaded in every page's
// <head>, before the page paints: when the quick exit went back through this tab's history to the
// portal's first page, this page hides itself and replaces its own history entry with the neutral
// site, so Back no longer reaches the portal. Also on pages restored from the back/forward cache.
(() => {
  const KEY = 'spotlight.quickExit';
  const leave = () => {
    let to = null;
    try {
      to = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
    } catch {
      return;
    }
    if (!to) return;
    document.documentElement.style.visibility = 'hidden';
    location.replace(to);
  };
  leave();
  addEventListener('pageshow', (event) => {
    if (event.persisted) leave();
  });
})();
