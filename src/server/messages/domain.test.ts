// The rules of messages without a database: working-day deadlines over Norwegian and Swedish public holidays, overdue,
// and who may see, answer and take which kind of thread.
import { describe, expect, it } from 'vitest';
import { answerDueAt, assigneeRoleFor, isOverdue, isWorkingDay, mayReply, patientSideMaySee, staffMayReadContent, statusAfterMessage } from './domain.ts';

const oslo = 'Europe/Oslo';

describe('the answer deadline', () => {
  it('is the end of the fifth working day after an ordinary Tuesday', () => {
    // Tuesday 3 March 2026, 10:00 in Oslo → Tuesday 10 March, at midnight (CET).
    expect(answerDueAt(new Date('2026-03-03T09:00:00Z'), 5, 'NO', oslo).toISOString()).toBe('2026-03-10T23:00:00.000Z');
  });

  it('skips Maundy Thursday, Good Friday, the weekend and Easter Monday for a question sent the day before Easter', () => {
    // Wednesday 1 April 2026: 2, 3 and 6 April are helligdager; working days 7, 8, 9, 10, 13 April.
    expect(answerDueAt(new Date('2026-04-01T08:00:00Z'), 5, 'NO', oslo).toISOString()).toBe('2026-04-13T22:00:00.000Z');
  });

  it('skips 17 May (Constitution Day, in 2027 also Whit Monday) for a question sent on the Friday before', () => {
    expect(isWorkingDay('2027-05-17', 'NO')).toBe(false);
    expect(answerDueAt(new Date('2027-05-14T12:00:00Z'), 1, 'NO', oslo).toISOString()).toBe('2027-05-18T22:00:00.000Z');
  });

  it('uses the clinic\'s country: Sweden\'s National Day is a holiday there, Whit Monday only in Norway', () => {
    const thursday = new Date('2025-06-05T10:00:00Z');
    expect(answerDueAt(thursday, 1, 'SE', 'Europe/Stockholm').toISOString()).toBe('2025-06-09T22:00:00.000Z');
    expect(answerDueAt(thursday, 1, 'NO', oslo).toISOString()).toBe('2025-06-06T22:00:00.000Z');
    expect(isWorkingDay('2025-06-09', 'NO')).toBe(false);
    expect(isWorkingDay('2025-06-09', 'SE')).toBe(true);
  });

  it('counts from the day in the clinic\'s zone, not in UTC', () => {
    // 23:30 UTC on Tuesday is already Wednesday 00:30 in Oslo.
    expect(answerDueAt(new Date('2026-03-03T23:30:00Z'), 5, 'NO', oslo).toISOString()).toBe('2026-03-11T23:00:00.000Z');
  });

  it('a thread is overdue only while it waits for the clinic past its deadline', () => {
    const due = new Date('2026-03-10T23:00:00Z');
    const after = new Date('2026-03-11T08:00:00Z');
    expect(isOverdue({ status: 'open', due_at: due }, after)).toBe(true);
    expect(isOverdue({ status: 'open', due_at: due }, new Date('2026-03-10T12:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'answered', due_at: due }, after)).toBe(false);
    expect(isOverdue({ status: 'closed', due_at: due }, after)).toBe(false);
    expect(isOverdue({ status: 'open', due_at: null }, after)).toBe(false);
  });
});

describe('who may do what', () => {
  it('a parent of a 12–15-year-old sees the office\'s threads and letters, not the child\'s health questions', () => {
    expect(patientSideMaySee('limited', 'clinical')).toBe(false);
    expect(patientSideMaySee('limited', 'admin')).toBe(true);
    expect(patientSideMaySee('limited', 'letter')).toBe(true);
    expect(patientSideMaySee('full', 'clinical')).toBe(true);
    expect(patientSideMaySee('self', 'clinical')).toBe(true);
  });

  it('a letter takes no answer, nor does a closed thread', () => {
    expect(mayReply('letter', 'answered')).toBe(false);
    expect(mayReply('admin', 'closed')).toBe(false);
    expect(mayReply('clinical', 'answered')).toBe(true);
  });

  it('reception reads no health question; a clinician does', () => {
    expect(staffMayReadContent('clinical', ['reception'])).toBe(false);
    expect(staffMayReadContent('clinical', ['clinic_admin'])).toBe(false);
    expect(staffMayReadContent('clinical', ['clinician', 'clinic_admin'])).toBe(true);
    expect(staffMayReadContent('admin', ['reception'])).toBe(true);
  });

  it('a clinical thread is handed only to a clinician; an administrative one to anyone of the clinic', () => {
    expect(assigneeRoleFor('clinical', ['reception'])).toBeUndefined();
    expect(assigneeRoleFor('clinical', ['clinician', 'clinic_admin'])).toBe('clinician');
    expect(assigneeRoleFor('admin', ['clinician', 'reception'])).toBe('reception');
    expect(assigneeRoleFor('admin', ['clinician'])).toBe('clinician');
    expect(assigneeRoleFor('letter', ['reception'])).toBeUndefined();
  });

  it('the clinic\'s answer settles a thread; the patient\'s message opens it again', () => {
    expect(statusAfterMessage('clinician')).toBe('answered');
    expect(statusAfterMessage('office')).toBe('answered');
    expect(statusAfterMessage('guardian')).toBe('open');
  });
});
