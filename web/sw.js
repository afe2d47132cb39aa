// ketadose service worker: keeps one complete version of the site for offline use. The build writes the list of
// files with their SHA-256 below; the cache is named after a hash of that list, so each version installs whole,
// every file checked against its hash, and replaces the previous one only when the page asks (on reload).
const PRECACHE = /*__PRECACHE__*/[];
const VERSION = '/*__VERSION__*/dev';
// Cache names carry this instance's scope: two instances on one host (two sub-paths, or a pinned old version
// beside the current one) share the origin's storage, and each must only ever replace its own caches.
// (The space after "ketadose" keeps these names clear of the "ketadose-" prefix that earlier versions of this
// worker deleted wholesale on activation.)
const PREFIX = `ketadose ${self.registration.scope} `;
const CACHE = `${PREFIX}${VERSION}`;
const RUNTIME = `${PREFIX}runtime`; // files not in the build (a hospital's site.json), kept for offline use
const EXPECTED = new Map(PRECACHE.map(({ url, sha256 }) => [new URL(url, self.registration.scope).href, sha256]));

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

// A response of exactly these bytes when they are the file this version lists (their SHA-256 is sha256), else null.
// It keeps the headers that still describe them: not the transfer's encoding or length, since the body is the
// decoded file (servers send the app gzip-compressed).
async function checkedResponse(body, sha256, from) {
  if (hex(await crypto.subtle.digest('SHA-256', body)) !== sha256) return null;
  const headers = new Headers(from.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(body, { status: from.status, statusText: from.statusText, headers });
}

// Fetches a file past the HTTP cache and checks it is the byte-for-byte file this version lists.
async function fetchVerified(url, sha256) {
  for (const mode of ['no-cache', 'reload']) {
    const response = await fetch(url, { cache: mode, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const checked = await checkedResponse(await response.arrayBuffer(), sha256, response);
    if (checked) return checked;
  }
  throw new Error(`${url} is not the file this version lists (its content hash differs); not installing`);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map(async ({ url, sha256 }) => {
      const absolute = new URL(url, self.registration.scope).href;
      if (await cache.match(absolute)) return;
      await cache.put(absolute, await fetchVerified(absolute, sha256));
    }));
  })().catch(async (error) => {
    await caches.delete(CACHE); // never leave half a version behind
    throw error;
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE && name !== RUNTIME) await caches.delete(name);
    }
  })());
});

// A file of this version, from the cache, checked against its listed hash on every read: storage can be
// altered or damaged after install (hashing the whole site costs a few milliseconds). A file that no longer
// matches is fetched again (and checked); if that fails, the request fails rather than run a file this version
// does not list.
async function precached(cache, key, sha256) {
  const hit = await cache.match(key);
  if (!hit) return null;
  // The bytes that were checked are the bytes served (read once, not read again from storage through a clone).
  const checked = await checkedResponse(await hit.arrayBuffer(), sha256, hit);
  if (checked) return checked;
  await cache.delete(key);
  const fresh = await fetchVerified(key, sha256);
  await cache.put(key, fresh.clone());
  return fresh;
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'activate') event.waitUntil(self.skipWaiting());
  if (event.data?.type === 'version') event.ports[0]?.postMessage({ version: VERSION });
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  let key = url.origin + url.pathname;
  if (key.endsWith('/')) key += 'index.html';
  const sha256 = EXPECTED.get(key);
  if (sha256) {
    const hit = await precached(cache, key, sha256);
    if (hit) return hit;
  }
  // Not part of this version: from the network, remembered for offline use.
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(RUNTIME)).put(key, response.clone());
    return response;
  } catch (error) {
    const saved = await (await caches.open(RUNTIME)).match(key);
    if (saved) return saved;
    if (request.mode === 'navigate') {
      const index = new URL('index.html', self.registration.scope).href;
      const start = EXPECTED.has(index) ? await precached(cache, index, EXPECTED.get(index)).catch(() => null) : null;
      if (start) return start;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(respond(request, url));
});
