// Identity rules, pure: who may act for whom (DOMAIN.md, "Who uses it"), and how a person's identity is shown.
import { ageOn } from '../../shared/national-id.ts';

/** Parents act for children under 16; from 16 a person handles their own affairs. */
export const PROXY_AGE_LIMIT = 16;
/** From 12, parents keep only booking, e-consultation and the messages the child's clinic allows. */
export const LIMITED_PROXY_FROM_AGE = 12;

export type ProxyAccess = 'full' | 'limited' | 'none';

export function proxyAccess(hasGuardianRelation: boolean, childBirthDate: string, today: string): ProxyAccess {
  if (!hasGuardianRelation) return 'none';
  const age = ageOn(childBirthDate, today);
  if (age < 0 || age >= PROXY_AGE_LIMIT) return 'none';
  return age >= LIMITED_PROXY_FROM_AGE ? 'limited' : 'full';
}

export function canActFor(hasGuardianRelation: boolean, childBirthDate: string, today: string): boolean {
  return proxyAccess(hasGuardianRelation, childBirthDate, today) !== 'none';
}

/** A clinician must show an HPR number that matches the one registered; reception and admins may have none. */
export function staffLoginAllowed(roles: string[], registeredHpr: string | null, claimedHpr: string | undefined): boolean {
  if (roles.length === 0) return false;
  if (claimedHpr && registeredHpr && claimedHpr !== registeredHpr) return false;
  if (claimedHpr && !registeredHpr) return false;
  if (roles.includes('clinician')) return Boolean(claimedHpr && claimedHpr === registeredHpr);
  return true;
}
