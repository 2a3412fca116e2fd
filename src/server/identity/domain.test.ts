// The proxy and staff-login rules, as sentences.
import { describe, expect, it } from 'vitest';
import { canActFor, proxyAccess, staffLoginAllowed } from './domain.ts';

describe('acting for a child', () => {
  const today = '2026-11-23';
  it('a parent can act for a 9-year-old with full access', () => {
    expect(proxyAccess(true, '2017-06-01', today)).toBe('full');
  });
  it('a parent keeps limited access to a 14-year-old', () => {
    expect(proxyAccess(true, '2012-06-01', today)).toBe('limited');
  });
  it('a parent cannot act for a 16-year-old, from the birthday on', () => {
    expect(canActFor(true, '2010-11-23', today)).toBe(false);
    expect(canActFor(true, '2010-11-24', today)).toBe(true);
  });
  it('nobody acts for a child without a guardian relation', () => {
    expect(canActFor(false, '2017-06-01', today)).toBe(false);
  });
});

describe('staff login', () => {
  it('a clinician needs the registered HPR number', () => {
    expect(staffLoginAllowed(['clinician'], '1000001', '1000001')).toBe(true);
    expect(staffLoginAllowed(['clinician'], '1000001', undefined)).toBe(false);
    expect(staffLoginAllowed(['clinician'], '1000001', '9999999')).toBe(false);
  });
  it('reception may log in without an HPR number but not with someone else\'s', () => {
    expect(staffLoginAllowed(['reception'], null, undefined)).toBe(true);
    expect(staffLoginAllowed(['reception'], null, '1000001')).toBe(false);
  });
  it('a person with no staff role is refused', () => {
    expect(staffLoginAllowed([], '1000001', '1000001')).toBe(false);
  });
});
