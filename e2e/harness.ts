// One server and one Chromium per browser-test file, pages in a far-away time zone, and logging in by the test login page.
import { afterAll, beforeAll } from 'vitest';
import type { Browser as Chromium, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/server.ts';
import { launchChromium } from './browser.ts';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export interface E2e {
  readonly server: TestServer;
  readonly chromium: Chromium;
  /** A fresh context in bokmål whose clock is in New York: every time shown must still be the clinic's. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Logs in from the start page through the test identity provider, picking the person by name. */
  logIn(page: Page, name: string, kind?: 'patient' | 'staff'): Promise<void>;
}

export function useE2e(env: Record<string, string> = {}): E2e {
  let server: TestServer | undefined;
  let chromium: Chromium | undefined;
  beforeAll(async () => {
    server = await startTestServer(env);
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });
  const harness: E2e = {
    get server() {
      return server!;
    },
    get chromium() {
      return chromium!;
    },
    async newPage(viewport = DESKTOP) {
      const context = await chromium!.newContext({ viewport, locale: 'nb-NO', timezoneId: 'America/New_York' });
      const page = await context.newPage();
      // Fail with the locator's own message, well before the test's time is up.
      page.setDefaultTimeout(15_000);
      return page;
    },
    async logIn(page, name, kind = 'patient') {
      await page.goto(server!.url);
      await page.getByRole('link', { name: kind === 'patient' ? 'Logg inn' : 'Logg inn som helsepersonell', exact: true }).click();
      await page.waitForURL(/\/dev-idp\/interaction\//);
      // A staff member with two roles is offered once per role; either logs in with the same roles.
      await page.getByRole('button', { name: new RegExp(name) }).first().click();
      await page.waitForURL(kind === 'patient' ? /\/min-side$/ : /\/ansatt$/);
    },
  };
  return harness;
}
