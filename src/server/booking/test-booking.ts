// For tests: books the first free time of a visit type at a clinic through the HTTP API, as the given person would.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Browser } from '../../../test/server.ts';
import { json } from '../econsult/test-flow.ts';

/** The first free `visitType` time at `clinicId` from `daysAhead` days on (give each test its own days); the appointment's id. */
export async function bookFirstFree(who: Browser, clinicId: string, visitType: string, daysAhead: number, more: { patientId?: string; careCategory?: string } = {}): Promise<string> {
  const from = new Date(Date.now() + daysAhead * 86400_000);
  const free = await json(await who.fetch(`/api/availability?${new URLSearchParams({ clinicId, visitType, from: from.toISOString(), to: new Date(from.getTime() + 7 * 86400_000).toISOString() })}`));
  expect(free.status).toBe(200);
  const slot = free.body.slots[0];
  const res = await json(
    await who.fetch('/api/appointments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ practitionerId: slot.practitionerId, start: slot.start, visitType, ...more }),
    }),
  );
  expect(res.status).toBe(201);
  return res.body.id;
}
