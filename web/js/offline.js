// The page's side of offline use: registers the service worker, reports whether this version is stored for
// offline use, and announces a new version, applied on reload so old and new rules never run together.
import { h } from './dom.js';

/**
 * Applies a waiting new version before the page starts, or returns the function that registers sw.js (beside
 * index.html) and keeps the status line and the update banner current; the page calls it once its first result
 * is on screen, so storing the offline copy does not compete with the first load.
 * Resolves null when a waiting version is being applied (the page is about to reload: do not start).
 */
export async function startOffline(statusLine, banner) {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') {
    statusLine.textContent = 'Offline copy: not available here (open the app from its web address).';
    return () => {};
  }
  const hadController = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // A new version took over: reload at once so this page never mixes old files with new ones.
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });

  const offerUpdate = (worker) => {
    banner.replaceChildren(
      h('p', { text: 'A new version of ketadose is ready. It is applied when the page reloads, which clears the form (nothing about the patient is kept): finish or note the plan first.' }),
      h('button', { type: 'button', class: 'button', text: 'Reload now',
        onclick: () => worker.postMessage({ type: 'activate' }) }));
    banner.hidden = false;
  };

  const reportVersion = (worker) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      statusLine.textContent = `Offline copy ready (version ${event.data.version}).`;
    };
    worker.postMessage({ type: 'version' }, [channel.port2]);
  };

  const existing = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  if (existing?.waiting && hadController) {
    // The page has only just loaded, so nothing is lost: the waiting version is applied now, before this page
    // loads any file of its own, and the page reloads on the change of controller.
    // Chromium can leave the switch pending for good if it is asked while this page is still loading.
    if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    existing.waiting.postMessage({ type: 'activate' });
    const switched = await new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
      setTimeout(() => resolve(false), 4000);
    });
    if (switched) return null;
  }

  return () => navigator.serviceWorker.register('sw.js', { scope: './' }).then((registration) => {
    const watch = (worker) => {
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
        if (worker.state === 'activated') reportVersion(worker);
        if (worker.state === 'redundant' && !registration.active) statusLine.textContent = 'Offline copy could not be stored.';
      });
    };
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    if (registration.installing) watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    if (registration.active) reportVersion(registration.active);
    else statusLine.textContent = 'Storing an offline copy…';
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => { /* offline: keep this version */ });
    });
  }).catch((error) => {
    statusLine.textContent = `Offline copy not available (${error.message}).`;
  });
}
