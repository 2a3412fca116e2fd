// A retried booking reuses its Idempotency-Key; a booking of another time gets a new one.
import { describe, expect, it } from 'vitest';
import { keyKeeper } from './idempotency.ts';

describe('the Idempotency-Key of a booking form', () => {
  it('is the same when the same request is sent again, and new when the request changed', () => {
    let n = 0;
    const keys = keyKeeper(() => `key-${++n}`);
    const first = keys.keyFor({ start: '08:00', reason: 'Kontroll' });
    expect(keys.keyFor({ start: '08:00', reason: 'Kontroll' })).toBe(first);
    expect(keys.keyFor({ start: '08:15', reason: 'Kontroll' })).not.toBe(first);
  });

  it('is a UUID by default', () => {
    expect(keyKeeper().keyFor({})).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});
