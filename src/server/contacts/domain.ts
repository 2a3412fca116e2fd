// The rules of health contacts, pure: the roles a clinician can be given for a patient, who may give and end them, and
// the order a patient reads their contacts in (the GP first, then the care coordinator, then contact people).
import type { StaffRole } from '../platform/db/schema.ts';

/** Care coordinator (forløpskoordinator) or another named contact person at the clinic. */
export type HealthContactRole = 'care_coordinator' | 'contact_person';
export const HEALTH_CONTACT_ROLES: readonly HealthContactRole[] = ['care_coordinator', 'contact_person'];

/** A contact as the patient sees it: the GP (fastlege) is one by the GP list, the others by assignment. */
export type PatientContactRole = 'gp' | HealthContactRole;

/** Clinicians and the clinic's admins assign and end contacts; reception sees them only. */
export const ASSIGNING_ROLES: readonly StaffRole[] = ['clinician', 'clinic_admin'];

export function mayAssignHealthContacts(roles: readonly StaffRole[]): boolean {
  return roles.some((r) => ASSIGNING_ROLES.includes(r));
}

const ORDER: Record<PatientContactRole, number> = { gp: 0, care_coordinator: 1, contact_person: 2 };

/** The GP first, then the care coordinator, then contact people; by name within a role. */
export function byContactOrder<T extends { role: PatientContactRole; name: string | null }>(a: T, b: T): number {
  return ORDER[a.role] - ORDER[b.role] || (a.name ?? '').localeCompare(b.name ?? '', 'nb');
}
