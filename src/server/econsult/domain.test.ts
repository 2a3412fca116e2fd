import { describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { canMove, dueAt, priceRule, fromStates, TRANSITIONS, urgency, type Action } from './domain.ts';
import { purgeAt } from './jobs.ts';

const OSLO = 'Europe/Oslo';

describe('the case state machine', () => {
  it('lets a case only move from the states each action names', () => {
    expect(canMove('draft', 'submit-paid')).toBe(true);
    expect(canMove('open', 'claim')).toBe(true);
    expect(canMove('claimed', 'claim')).toBe(false);
    expect(canMove('closed', 'reject')).toBe(false);
    expect(canMove('waiting_for_patient', 'answer')).toBe(true);
    expect(canMove('claimed', 'answer')).toBe(false);
    // A case someone has answered is never expired: only open or claimed (the unanswered guard is the store's).
    expect(fromStates('expire')).toEqual(['open', 'claimed']);
  });

  it('never moves a closed, rejected or expired case again', () => {
    for (const action of Object.keys(TRANSITIONS) as Action[]) {
      for (const final of ['closed', 'rejected', 'expired'] as const) expect(canMove(final, action)).toBe(false);
    }
  });
});

describe('the deadline', () => {
  it('is the end of the same local day before the 20:00 cut-off, the end of the next day after it', () => {
    expect(dueAt(new Date('2026-11-23T18:59:00Z'), OSLO, '20:00:00').toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(dueAt(new Date('2026-11-23T19:00:00Z'), OSLO, '20:00:00').toISOString()).toBe('2026-11-24T23:00:00.000Z');
    // Just after midnight Oslo time is the new day, though UTC still says the day before.
    expect(dueAt(new Date('2026-11-23T23:30:00Z'), OSLO, '20:00:00').toISOString()).toBe('2026-11-24T23:00:00.000Z');
  });

  it('counts local days across both daylight-saving changes', () => {
    // 2026-03-29: clocks go forward; the day is 23 hours long and ends at 22:00 UTC.
    expect(dueAt(new Date('2026-03-29T08:00:00Z'), OSLO, '20:00')).toEqual(new Date('2026-03-29T22:00:00Z'));
    // 2026-10-25: clocks go back; the day is 25 hours long and ends at 23:00 UTC.
    expect(dueAt(new Date('2026-10-25T08:00:00Z'), OSLO, '20:00')).toEqual(new Date('2026-10-25T23:00:00Z'));
    // Received at 21:00 local on the Saturday before the spring change: due at the end of the short Sunday.
    expect(dueAt(new Date('2026-03-28T20:00:00Z'), OSLO, '20:00')).toEqual(new Date('2026-03-29T22:00:00Z'));
    expect(dueAt(new Date('2026-03-28T20:00:00Z'), 'Europe/Stockholm', '20:00')).toEqual(new Date('2026-03-29T22:00:00Z'));
  });

  it('stands out when near or past due', () => {
    const due = new Date('2026-11-23T23:00:00Z');
    expect(urgency(due, new Date('2026-11-23T12:00:00Z'))).toBe('in-time');
    expect(urgency(due, new Date('2026-11-23T21:30:00Z'))).toBe('near-due');
    expect(urgency(due, new Date('2026-11-23T23:00:00Z'))).toBe('overdue');
  });
});

describe('the price', () => {
  it('labels the co-payment rules’ answer in the case’s terms', () => {
    expect(priceRule('private', null)).toBe('private');
    expect(priceRule('private', 'private-children-free')).toBe('child-free');
    expect(priceRule('public_gp', 'under-16')).toBe('child-free');
    expect(priceRule('public_gp', null)).toBe('copayment');
    expect(priceRule('public_gp', 'ceiling-reached')).toBe('copayment');
    expect(priceRule('public_gp', 'frikort')).toBe('frikort');
  });

  it('counts age in whole years in the clinic’s zone, birthday included', () => {
    expect(ageOn('2010-11-24', localDate(new Date('2026-11-23T22:59:00Z'), OSLO))).toBe(15);
    expect(ageOn('2010-11-24', localDate(new Date('2026-11-23T23:00:00Z'), OSLO))).toBe(16);
  });
});

describe('retention', () => {
  it('deletes the written communication three calendar months after closing, in the clinic’s zone', () => {
    expect(purgeAt(new Date('2026-11-23T10:00:00Z'), 3, OSLO)).toEqual(new Date('2027-02-23T10:00:00Z'));
    // Across the spring change the local time of day stays the same.
    expect(purgeAt(new Date('2026-01-15T10:00:00Z'), 3, OSLO)).toEqual(new Date('2026-04-15T09:00:00Z'));
  });
});
