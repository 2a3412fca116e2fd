// A content-free notice to one person, by SMS and e-mail where they have given them, in their language: "you have a new
// message" or "money came back", never what. `key` makes a repeat in another transaction send nothing twice.
import type { Tx } from '../platform/db/database.ts';
import type { Language } from '../platform/http/messages.ts';
import type { NotificationService } from './service.ts';

export async function noticeToPerson(notifications: NotificationService, tx: Tx, personId: string, template: 'new-message' | 'payment-refunded' | 'gp-changed', key: string): Promise<void> {
  const to = await tx.selectFrom('persons').select(['id', 'phone', 'email', 'preferred_language']).where('id', '=', personId).executeTakeFirst();
  if (!to) return;
  const language = (to.preferred_language ?? 'nb') as Language;
  if (to.phone) await notifications.notify({ personId: to.id, channel: 'sms', to: to.phone, template, language, params: {}, idempotencyKey: `sms:${key}`, tx });
  if (to.email) await notifications.notify({ personId: to.id, channel: 'email', to: to.email, template, language, params: {}, idempotencyKey: `email:${key}`, tx });
}
