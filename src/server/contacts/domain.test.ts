// The pure rules of health contacts: who may assign, and the order a patient reads their contacts in.
import { describe, expect, it } from 'vitest';
import { byContactOrder, mayAssignHealthContacts, type PatientContactRole } from './domain.ts';

describe('health contact rules', () => {
  it('clinicians and clinic admins may assign and end contacts; reception may not', () => {
    expect(mayAssignHealthContacts(['clinician'])).toBe(true);
    expect(mayAssignHealthContacts(['clinic_admin'])).toBe(true);
    expect(mayAssignHealthContacts(['reception'])).toBe(false);
    expect(mayAssignHealthContacts([])).toBe(false);
  });

  it('the patient reads the GP first, then the care coordinator, then contact people by name', () => {
    const contacts: Array<{ role: PatientContactRole; name: string | null }> = [
      { role: 'contact_person', name: 'Åse Vik' },
      { role: 'care_coordinator', name: 'Lise Berg' },
      { role: 'contact_person', name: 'Mari Dahl' },
      { role: 'gp', name: 'Per Olsen' },
    ];
    expect(contacts.sort(byContactOrder).map((c) => c.name)).toEqual(['Per Olsen', 'Lise Berg', 'Mari Dahl', 'Åse Vik']);
  });
});
