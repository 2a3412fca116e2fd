// Demo messages: a letter from Fjordbyen legekontor in Ola Hansen's inbox, and an administrative question of his that
// reception (Tone Ås) has answered, so "Meldinger" and the clinic's inbox have something to show.
import type { Db } from '../platform/db/database.ts';
import { answerDueAt, DEFAULT_ANSWER_DAYS } from '../messages/domain.ts';
import { insertMessage, insertThread, markRead, touchThread } from '../messages/store.ts';

const DAY_MS = 86_400_000;

export async function seedMessagesDemo(db: Db): Promise<void> {
  const people = await db.selectFrom('persons').select(['id', 'name']).where('name', 'in', ['Ola Hansen', 'Tone Ås', 'Per Olsen']).execute();
  const id = (name: string) => people.find((p) => p.name === name)?.id;
  const [ola, tone, per] = [id('Ola Hansen'), id('Tone Ås'), id('Per Olsen')];
  const clinic = await db.selectFrom('clinics').select('id').where('org_number', '=', '974112233').executeTakeFirst();
  if (!ola || !tone || !per || !clinic) return;
  const seeded = await db.withTables<{ message_threads: { patient_id: string } }>().selectFrom('message_threads').select('patient_id').where('patient_id', '=', ola).limit(1).executeTakeFirst();
  if (seeded) return;

  const now = Date.now();
  await db.transaction().execute(async (tx) => {
    const askedAt = new Date(now - 6 * DAY_MS);
    const answeredAt = new Date(now - 5 * DAY_MS);
    const question = await insertThread(tx, {
      clinicId: clinic.id,
      patientId: ola,
      kind: 'admin',
      subject: 'Ny adresse',
      assigneeId: null,
      assigneeRole: null,
      status: 'answered',
      dueAt: answerDueAt(askedAt, DEFAULT_ANSWER_DAYS, 'NO', 'Europe/Oslo'),
      createdBy: ola,
      at: askedAt,
    });
    await insertMessage(tx, { threadId: question.id, authorId: ola, authorRole: 'patient', body: 'Hei! Jeg har flyttet til Storgata 5, 5003 Bergen. Kan dere oppdatere adressen?', at: askedAt });
    await insertMessage(tx, { threadId: question.id, authorId: tone, authorRole: 'office', body: 'Takk for beskjed. Adressen er oppdatert hos oss.', at: answeredAt });
    await touchThread(tx, question.id, { status: 'answered', at: answeredAt });
    await markRead(tx, question.id, ola, askedAt);
    await markRead(tx, question.id, tone, answeredAt);

    const sentAt = new Date(now - 2 * DAY_MS);
    const letter = await insertThread(tx, { clinicId: clinic.id, patientId: ola, kind: 'letter', subject: 'Innkalling til årlig kontroll', assigneeId: null, assigneeRole: null, status: 'answered', dueAt: null, createdBy: per, at: sentAt });
    await insertMessage(tx, {
      threadId: letter.id,
      authorId: per,
      authorRole: 'clinician',
      body: 'Det er tid for årlig kontroll av blodtrykket. Bestill en time på Min side eller ring legekontoret på 55 00 00 00.',
      at: sentAt,
    });
    await markRead(tx, letter.id, per, sentAt);
  });
}
