// For tests: books the first free time of a visit type at a clinic through the HTTP API, as the given person would.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Browser } from '../../../test/server.ts';
import { json } from '../econsult/test-flow.ts';

/**
 * The first free `visitType` time at `clinicId` from `daysAhead` days on (give each test its own days) that the person
 * can take — one overlapping an appointment they already have (the demo's, at whatever time of day the test runs) is
 * passed over; the appointment's id.
 */
export async function bookFirstFree(who: Browser, clinicId: string, visitType: string, daysAhead: number, more: { patientId?: string; careCategory?: string } = {}): Promise<string> {
  const from = new Date(Date.now() + daysAhead * 86400_000);
  const free = await json(await who.fetch(`/api/availability?${new URLSearchParams({ clinicId, visitType, from: from.toISOString(), to: new Date(from.getTime() + 7 * 86400_000).toISOString() })}`));
  expect(free.status).toBe(200);
  for (const slot of free.body.slots.slice(0, 20)) {
    const res = await json(
      await who.fetch('/api/appointments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ practitionerId: slot.practitionerId, start: slot.start, visitType, ...more }),
      }),
    );
    if (res.status === 409 && String(res.body.type).endsWith('/patient-busy')) continue;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }
  throw new Error('every one of the first 20 free times overlaps an appointment the person already has');
}
