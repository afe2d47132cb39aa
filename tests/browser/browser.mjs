// Shared set-up for browser tests: Debian's Chromium driven by playwright-core, the built site served locally.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../node/wasm-module.mjs';

export const distDir = process.env.KETADOSE_DIST || path.join(root, 'dist');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// Serves dist/ on a free port; returns {server, origin}.
export async function serveDist(base = '/') {
  const server = await serve(distDir, 0, base);
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

export function planLink(request) {
  return `#plan=${encodeURIComponent(JSON.stringify(request))}`;
}
