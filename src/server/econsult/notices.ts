// The patient hears that something happened in their case, never what: "you have an answer, log in to read it".
import type { Tx } from '../platform/db/database.ts';
import type { Language } from '../platform/http/messages.ts';
import type { EconsultDeps } from './deps.ts';
import type { CaseRow } from './store.ts';
import * as store from './store.ts';

/** Tells whoever sent the case (the parent, for a child) by SMS and e-mail; `key` makes a repeat send nothing twice. */
export async function notifyPatient(deps: EconsultDeps, tx: Tx, c: CaseRow, template: 'new-answer' | 'new-message', key: string): Promise<void> {
  const to = await store.person(tx, c.submitted_by);
  if (!to) return;
  const language = (to.preferred_language ?? 'nb') as Language;
  if (to.phone) await deps.notifications.notify({ personId: to.id, channel: 'sms', to: to.phone, template, language, params: {}, idempotencyKey: `sms:econsult:${key}`, tx });
  if (to.email) await deps.notifications.notify({ personId: to.id, channel: 'email', to: to.email, template, language, params: {}, idempotencyKey: `email:econsult:${key}`, tx });
}
