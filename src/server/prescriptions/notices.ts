// Whoever asked for a renewal (the patient, or the parent for a child) hears that the clinic has decided, never what:
// the generic "new message, log in to read it", by SMS and e-mail where we have them.
import type { Tx } from '../platform/db/database.ts';
import { noticeToPerson } from '../notifications/person-notice.ts';
import type { PrescriptionDeps } from './deps.ts';

/** Once per request (its items are decided together): the key makes a repeat send nothing twice. */
export async function notifyDecision(deps: PrescriptionDeps, tx: Tx, request: { id: string; requested_by: string }): Promise<void> {
  await noticeToPerson(deps.notifications, tx, request.requested_by, 'new-message', `prescription-renewal:${request.id}`);
}
