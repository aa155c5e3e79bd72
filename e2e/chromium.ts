// Finds the Chromium that end-to-end tests drive. No browser is downloaded: the machine provides one.
import { existsSync } from 'node:fs';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  // Fall back to a browser Playwright installed itself, if any; otherwise say how to get one.
  const ownBrowsers = process.env.PLAYWRIGHT_BROWSERS_PATH ?? `${process.env.HOME}/.cache/ms-playwright`;
  if (existsSync(ownBrowsers)) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: `apt-get install -y chromium`) ' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}
