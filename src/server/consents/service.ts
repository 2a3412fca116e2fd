// Consent: what the person (or a parent for a child under 16) has given or withdrawn, with the text's version and the
// time; every change kept as an event. Withdrawn SMS or e-mail consent stops those notices at once (the notification
// service checks before queuing and again before sending). A phone number or e-mail address given for
// notices counts as consent to them until withdrawn here; sending an e-consultation counts as consent to it (DOMAIN.md).
import type { Db, Tx } from '../platform/db/database.ts';
import { subjectFor } from '../identity/service.ts';
import { CONSENT_KINDS, CONSENT_TEXTS, type ConsentKind } from './texts.ts';

export interface ConsentView {
  kind: ConsentKind;
  /** Null: never answered (for SMS and e-mail, the notices go while there is an address). */
  given: boolean | null;
  /** The version consented to or withdrawn, and when. */
  version: string | null;
  changedAt: string | null;
  /** The text as it reads now, in the reader's language, and its version. */
  text: string;
  currentVersion: string;
}

type Language = 'nb' | 'nn' | 'sv' | 'en';


export async function consentsOf(db: Db, actorId: string, patientId: string | undefined, language: string): Promise<ConsentView[]> {
  const subject = await subjectFor(db, actorId, patientId);
  const rows = await db.selectFrom('consents').selectAll().where('person_id', '=', subject).execute();
  const lang = (['nb', 'nn', 'sv', 'en'].includes(language) ? language : 'nb') as Language;
  return CONSENT_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return { kind, given: r ? r.given : null, version: r?.text_version ?? null, changedAt: r ? r.changed_at.toISOString() : null, text: CONSENT_TEXTS[kind][lang], currentVersion: CONSENT_TEXTS[kind].version };
  });
}

/** Records a consent given or withdrawn, with the current text's version; the same answer again changes nothing. */
export async function recordConsent(tx: Tx, c: { personId: string; kind: ConsentKind; given: boolean; byPersonId: string; source: 'consent-page' | 'econsult-submit' }): Promise<void> {
  const version = CONSENT_TEXTS[c.kind].version;
  const now = await tx.selectFrom('consents').select(['given', 'text_version']).where('person_id', '=', c.personId).where('kind', '=', c.kind).forUpdate().executeTakeFirst();
  if (now && now.given === c.given && now.text_version === version) return;
  await tx
    .insertInto('consents')
    .values({ person_id: c.personId, kind: c.kind, given: c.given, text_version: version, changed_at: new Date(), changed_by: c.byPersonId })
    .onConflict((oc) => oc.columns(['person_id', 'kind']).doUpdateSet({ given: c.given, text_version: version, changed_at: new Date(), changed_by: c.byPersonId }))
    .execute();
  await tx.insertInto('consent_events').values({ person_id: c.personId, kind: c.kind, given: c.given, text_version: version, source: c.source, by_person_id: c.byPersonId }).execute();
}

export async function setConsent(db: Db, actorId: string, patientId: string | undefined, kind: ConsentKind, given: boolean, language: string): Promise<ConsentView> {
  const subject = await subjectFor(db, actorId, patientId);
  await db.transaction().execute((tx) => recordConsent(tx, { personId: subject, kind, given, byPersonId: actorId, source: 'consent-page' }));
  return (await consentsOf(db, actorId, subject, language)).find((c) => c.kind === kind)!;
}
