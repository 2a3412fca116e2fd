// The shapes of the drop-in API as the server sends them: a patient's place, the staff waiting list, a patient taken.
import type { DropinVisitType } from '../../shared/dropin-api.ts';

export type { DropinVisitType, Place, PlaceStatus, StaffQueue, TakenPatient, WaitingPatient } from '../../shared/dropin-api.ts';
export const DROPIN_VISIT_TYPES: readonly DropinVisitType[] = ['video', 'phone'];
