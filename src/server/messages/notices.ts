// The patient side hears that the clinic wrote, never what: "you have a new message, log in to read it". The patient
// and every parent who may see the thread are told, by SMS and e-mail where they have given them.
import type { Tx } from '../platform/db/database.ts';
import type { Language } from '../platform/http/messages.ts';
import { proxyAccess } from '../identity/domain.ts';
import { localDate } from '../../shared/time.ts';
import type { MessagesDeps } from './deps.ts';
import { patientSideMaySee } from './domain.ts';
import type { ThreadKind } from './schema.ts';
import * as store from './store.ts';

export async function notifyPatientSide(
  deps: Pick<MessagesDeps, 'notifications'>,
  tx: Tx,
  thread: { patient_id: string; kind: ThreadKind },
  template: 'new-message' | 'new-answer',
  messageId: string,
): Promise<void> {
  const [patient] = await store.persons(tx, [thread.patient_id]);
  if (!patient) return;
  const today = localDate(new Date());
  const parents = await store.guardiansOf(tx, patient.id);
  const recipients = [
    patient,
    ...parents.filter((g) => {
      const access = proxyAccess(true, patient.birth_date, today);
      return access !== 'none' && patientSideMaySee(access, thread.kind);
    }),
  ];
  for (const to of recipients) {
    const language = (to.preferred_language ?? 'nb') as Language;
    const key = `messages:${messageId}:${to.id}`;
    if (to.phone) await deps.notifications.notify({ personId: to.id, channel: 'sms', to: to.phone, template, language, params: {}, idempotencyKey: `sms:${key}`, tx });
    if (to.email) await deps.notifications.notify({ personId: to.id, channel: 'email', to: to.email, template, language, params: {}, idempotencyKey: `email:${key}`, tx });
  }
}
