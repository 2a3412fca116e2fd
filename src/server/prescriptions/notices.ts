// Whoever asked for a renewal (the patient, or the parent for a child) hears that the clinic has decided, never what:
// the generic "new message, log in to read it", by SMS and e-mail where we have them.
import type { Tx } from '../platform/db/database.ts';
import type { Language } from '../platform/http/messages.ts';
import type { PrescriptionDeps } from './deps.ts';
import * as store from './store.ts';

/** Once per request (its items are decided together): the key makes a repeat send nothing twice. */
export async function notifyDecision(deps: PrescriptionDeps, tx: Tx, request: { id: string; requested_by: string }): Promise<void> {
  const to = await store.contactOf(tx, request.requested_by);
  if (!to) return;
  const language = (to.preferred_language ?? 'nb') as Language;
  const key = `prescription-renewal:${request.id}`;
  if (to.phone) await deps.notifications.notify({ personId: to.id, channel: 'sms', to: to.phone, template: 'new-message', language, params: {}, idempotencyKey: `sms:${key}`, tx });
  if (to.email) await deps.notifications.notify({ personId: to.id, channel: 'email', to: to.email, template: 'new-message', language, params: {}, idempotencyKey: `email:${key}`, tx });
}
