// Payment rules: what capture and release do in each status, what a provider's answer moves, what may begin.
import { describe, expect, it } from 'vitest';
import { afterCheckout, beginProblem, captureStep, PAYMENT_STATUSES, releaseStep, returnUrl } from './domain.ts';
import { checkCard } from './simulator/cards.ts';

const valid = { purpose: 'econsult', purposeId: '6f1c3c1e-8a4b-4c55-9e0e-2f5b7d9a1c11', amountOre: 35_000, currency: 'NOK', description: 'E-konsultasjon', returnPath: '/econsult/betaling' };

describe('payment statuses', () => {
  it('only an authorized payment is captured; asking again after is harmless', () => {
    const steps = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, captureStep(s)]));
    expect(steps).toEqual({
      created: 'refuse', pending: 'refuse', authorized: 'request', declined: 'refuse', canceled: 'refuse',
      capture_requested: 'done', captured: 'done', release_requested: 'refuse', released: 'refuse', failed: 'refuse',
    });
  });

  it('release gives back a reservation, cancels a checkout not yet paid, and never undoes a capture', () => {
    const steps = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, releaseStep(s)]));
    expect(steps).toEqual({
      created: 'cancel', pending: 'cancel', authorized: 'request', declined: 'done', canceled: 'done',
      capture_requested: 'refuse', captured: 'refuse', release_requested: 'done', released: 'done', failed: 'done',
    });
  });

  it('a checkout paid (even captured already) authorizes; one released at the provider is canceled', () => {
    expect(afterCheckout('pending')).toBeUndefined();
    expect(afterCheckout('authorized')).toBe('authorized');
    expect(afterCheckout('captured')).toBe('authorized');
    expect(afterCheckout('declined')).toBe('declined');
    expect(afterCheckout('released')).toBe('canceled');
  });
});

describe('beginning', () => {
  it('accepts whole øre in NOK or SEK and a path on this site', () => {
    expect(beginProblem(valid)).toBeUndefined();
    expect(beginProblem({ ...valid, amountOre: 1.5 })).toMatch(/amountOre/);
    expect(beginProblem({ ...valid, returnPath: 'https://evil.example/' })).toMatch(/returnPath/);
    expect(beginProblem({ ...valid, returnPath: '/\\evil.example' })).toMatch(/returnPath/);
    expect(beginProblem({ ...valid, purposeId: 'case-1' })).toMatch(/purposeId/);
  });

  it('the payer comes back to our page with the payment named', () => {
    expect(returnUrl('https://nettlege.no', '/econsult/sak?steg=betaling', 'p1')).toBe('https://nettlege.no/econsult/sak?steg=betaling&payment=p1');
  });
});

describe('the simulator card form', () => {
  const now = new Date('2026-05-15T12:00:00Z');
  it('reads test cards with spaces, and checks expiry and CVC', () => {
    expect(checkCard({ number: '4242 4242 4242 4242', expiry: '05/26', cvc: '123' }, now)).toEqual({ ok: true, outcome: 'authorized', last4: '4242' });
    expect(checkCard({ number: '4000-0027-6000-3184', expiry: '1/30', cvc: '1234' }, now)).toMatchObject({ ok: true, outcome: 'challenge' });
    expect(checkCard({ number: '4242424242424242', expiry: '04/26', cvc: '123' }, now)).toMatchObject({ ok: false, en: 'The card has expired.' });
    expect(checkCard({ number: '4242424242424242', expiry: '13/30', cvc: '123' }, now)).toMatchObject({ ok: false });
    expect(checkCard({ number: '4242424242424242', expiry: '12/30', cvc: '12' }, now)).toMatchObject({ ok: false });
    expect(checkCard({ number: '1234', expiry: '12/30', cvc: '123' }, now)).toMatchObject({ ok: false });
  });
});
