// Words for a thread's kind, state and whom it concerns, shared by the patient's and the clinic's pages.
import { displayName } from '../identity/display-name.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';
import type { InboxThread, MessageClinic } from './messages-api.ts';

export function patientStatusText(thread: Pick<InboxThread, 'kind' | 'status'>, t: Translate): string {
  if (thread.kind === 'letter') return t('messages.status.letter');
  return t(`messages.status.${thread.status}`);
}

export function concernsText(thread: Pick<InboxThread, 'concernsSelf' | 'patient'>, t: Translate): string {
  return thread.concernsSelf ? t('messages.concerns.self') : t('messages.concerns.other', { name: displayName(thread.patient.name, t) });
}

/** The "write to" link for a clinician of a clinic (or the office with no clinician). */
export function newMessagePath(clinicId: string, to: { kind: 'admin' } | { kind: 'clinical'; practitionerId?: string }): string {
  const params = new URLSearchParams({ klinikk: clinicId, type: to.kind === 'admin' ? 'kontor' : 'lege' });
  if (to.kind === 'clinical' && to.practitionerId) params.set('til', to.practitionerId);
  return `/innboks/ny?${params.toString()}`;
}

export function professionText(profession: string, t: Translate): string {
  const key = `profession.${profession}`;
  return isMessageKey(key) ? t(key) : profession;
}

export function gpOf(clinic: MessageClinic) {
  return clinic.gpPractitionerId ? clinic.clinicians.find((c) => c.practitionerId === clinic.gpPractitionerId) : undefined;
}

export const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
