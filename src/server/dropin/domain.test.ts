// The drop-in queue's rules: when the queue is open, the estimated wait, and the clinic's recent consultation length.
import { describe, expect, it } from 'vitest';
import { averageConsultationMinutes, estimatedWaitMinutes, queueOpenFor, waitedMinutes } from './domain.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);

describe('drop-in rules', () => {
  it('the queue is open only for the visit types the clinic offers for drop-in', () => {
    expect(queueOpenFor('video', ['video', 'phone'])).toBe(true);
    expect(queueOpenFor('phone', ['video'])).toBe(false);
    expect(queueOpenFor('video', [])).toBe(false);
  });

  it('the estimated wait is position × average consultation ÷ clinicians on duty, rounded up', () => {
    expect(estimatedWaitMinutes(1, 15, 1)).toBe(15);
    expect(estimatedWaitMinutes(3, 15, 1)).toBe(45);
    expect(estimatedWaitMinutes(3, 15, 2)).toBe(23);
    expect(estimatedWaitMinutes(4, 12, 3)).toBe(16);
  });

  it('with nobody on duty the estimate still counts one clinician, and a patient not waiting waits nothing', () => {
    expect(estimatedWaitMinutes(2, 15, 0)).toBe(30);
    expect(estimatedWaitMinutes(0, 15, 1)).toBe(0);
  });

  it('the consultation length falls back to 15 minutes until there are a few samples', () => {
    expect(averageConsultationMinutes([])).toBe(15);
    expect(averageConsultationMinutes([{ clinicianId: 'a', takenAt: at(0) }, { clinicianId: 'a', takenAt: at(10) }])).toBe(15);
  });

  it('the consultation length is the time from one take to the same clinician\'s next take', () => {
    const takes = [0, 10, 22, 30].map((m) => ({ clinicianId: 'a', takenAt: at(m) }));
    // gaps 10, 12, 8 → 10
    expect(averageConsultationMinutes(takes)).toBe(10);
  });

  it('takes by different clinicians are not mistaken for consultations, nor are breaks and no-shows', () => {
    const takes = [
      { clinicianId: 'a', takenAt: at(0) },
      { clinicianId: 'b', takenAt: at(1) },
      { clinicianId: 'a', takenAt: at(20) },
      { clinicianId: 'b', takenAt: at(21) },
      { clinicianId: 'a', takenAt: at(21) }, // 1 minute after a's previous: a no-show
      { clinicianId: 'b', takenAt: at(200) }, // after a long break
      { clinicianId: 'b', takenAt: at(230) },
    ];
    // believable gaps: a 20, b 20, b 30 → 23
    expect(averageConsultationMinutes(takes)).toBe(23);
  });

  it('counts whole minutes waited, never negative', () => {
    expect(waitedMinutes(at(0), at(7.9))).toBe(7);
    expect(waitedMinutes(at(5), at(0))).toBe(0);
  });
});
