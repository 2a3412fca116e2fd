// In a real browser: when the server says its live updates have stopped (its Redis is away), a live page says it is not
// updating by itself; when the server says they flow again, the notice goes and the page fetches what it missed.
import { describe, expect, it } from 'vitest';
import type { WebSocketRoute } from 'playwright-core';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

describe('a live page while the server cannot update it', () => {
  const e2e = useE2e();

  it('Ola\'s place in the drop-in queue says it is not updating, and catches up when the server is live again', async () => {
    const page = await e2e.newPage(PHONE);
    // Stands between the page and the server's socket: passes everything on, except while `holding` (the server's
    // events lost, as they are while Redis is away), and can speak as the server.
    let toPage: WebSocketRoute | undefined;
    let holding = false;
    // The page's place is live once the server's snapshot of it has reached the page.
    let snapshotPassed: () => void = () => undefined;
    const snapshot = new Promise<void>((resolve) => (snapshotPassed = resolve));
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      toPage = ws;
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (holding) return;
        ws.send(message);
        if (String(message).includes('"type":"dropin.position"')) snapshotPassed();
      });
    });
    await e2e.logIn(page, 'Ola Hansen', 'patient');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Drop-in' }).click();
    await page.getByText('Køen gjelder Nordlys nettklinikk.').waitFor();
    await page.getByRole('radio', { name: 'Video' }).check();
    await page.getByRole('button', { name: 'Still meg i kø' }).click();
    await page.getByRole('heading', { name: 'Du er nummer 1 i køen' }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Siden oppdateres ikke automatisk akkurat nå.' });
    expect(await notice.count()).toBe(0);
    // The page subscribes to its place after showing it: hold nothing back before the subscription stands.
    await snapshot;

    holding = true;
    toPage!.send(JSON.stringify({ type: 'live', live: false }));
    await notice.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Meanwhile Ola leaves the queue elsewhere (another tab); the event of it does not reach this page.
    const left = await page.evaluate(async () => {
      const session = await fetch('/api/session').then((r) => r.json());
      const clinics = await fetch('/api/clinics').then((r) => r.json());
      const nordlys = clinics.clinics.find((c: { name: string }) => c.name === 'Nordlys nettklinikk').id;
      return (await fetch(`/api/dropin/${nordlys}/me`, { method: 'DELETE', headers: { 'X-CSRF-Token': session.csrfToken } })).status;
    });
    expect(left).toBe(200);
    await page.waitForTimeout(500);
    expect(await page.getByRole('heading', { name: 'Du er nummer 1 i køen' }).count()).toBe(1);

    // The server is live again: the notice goes, and the page fetches afresh what it shows.
    toPage!.send(JSON.stringify({ type: 'live', live: true }));
    await page.getByRole('heading', { name: 'Du har forlatt køen' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    await page.context().close();
  });
});
