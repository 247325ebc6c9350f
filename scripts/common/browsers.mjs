import { existsSync } from 'node:fs';

/** Debian's Chromium unless CHROMIUM_PATH names another; the project never downloads a browser. */
export function chromiumPath() {
  const path =
    process.env.CHROMIUM_PATH ??
    ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  if (!path || !existsSync(path))
    throw new Error('Chromium not found: install it (sudo apt-get install chromium) or set CHROMIUM_PATH.');
  return path;
}

export function firefoxPath() {
  const path = process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync);
  if (!path || !existsSync(path))
    throw new Error('Firefox not found: install it (sudo apt-get install firefox-esr) or set FIREFOX_PATH.');
  return path;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];
