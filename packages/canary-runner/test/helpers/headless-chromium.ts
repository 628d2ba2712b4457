import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium, which scripts/ensure-test-tools.sh installs; never a downloaded build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What a page did while it loaded: every request it made and every console error. */
export interface PageRecord {
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

/**
 * A headless Chromium with a fresh profile, no network of its own (background networking,
 * component updates and sync off), closed and its profile removed by `close()`.
 */
export async function headlessChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run "bash scripts/ensure-test-tools.sh" (installs Debian's chromium)`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'n1v1-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    /** Opens a URL and records its requests and console errors from the very start. */
    async open(url: string): Promise<PageRecord> {
      const page = await context.newPage();
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      await page.goto(url, { waitUntil: 'load' });
      return { page, requests, consoleErrors };
    },
    async close(): Promise<void> {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
