// "Download my data": the patient (or a parent for a child under 12) asks for everything the installation holds about
// them; a durable job builds it section by section (its progress kept on the row), as JSON and as a readable PDF, puts
// both in the file store, and tells the patient through the inbox. Each file downloads once and only until the export
// expires (7 days); a job then deletes the files.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import type { FileStore } from '../files/store.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import { requireFullAccess, subjectFor } from '../identity/service.ts';
import { insertSystemLetter } from '../messages/store.ts';
import { letterPdf } from '../messages/letter-pdf.ts';
import { CHILDREN, SECTIONS } from './sections.ts';
import { localDate } from '../../shared/time.ts';

export const BUILD_QUEUE = 'export.build';
export const EXPIRE_QUEUE = 'export.expire';
export const EXPORT_DAYS = 7;

export interface ExportDeps {
  db: Db;
  jobs: JobQueue;
  files: FileStore;
  log: Logger;
}

export interface ExportView {
  id: string;
  status: 'queued' | 'building' | 'ready' | 'failed' | 'expired';
  progress: number;
  createdAt: string;
  expiresAt: string | null;
  /** Each file may be downloaded once. */
  json: 'available' | 'downloaded' | 'none';
  pdf: 'available' | 'downloaded' | 'none';
}

type Language = 'nb' | 'nn' | 'sv' | 'en';
const UNIQUE_VIOLATION = '23505';

async function subjectOf(db: Db, actorId: string, patientId: string | undefined): Promise<string> {
  const subject = await subjectFor(db, actorId, patientId);
  if (subject === actorId) return actorId;
  // A parent downloads a child's data only while the child is under 12 (DOMAIN.md's proxy rules).
  await requireFullAccess(db, actorId, subject);
  return subject;
}

const view = (r: { id: string; status: ExportView['status']; progress: number; created_at: Date; expires_at: Date | null; json_downloaded_at: Date | null; pdf_downloaded_at: Date | null }): ExportView => {
  const file = (downloaded: Date | null) => (r.status !== 'ready' ? 'none' : downloaded ? 'downloaded' : 'available');
  return { id: r.id, status: r.status, progress: r.progress, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at?.toISOString() ?? null, json: file(r.json_downloaded_at), pdf: file(r.pdf_downloaded_at) };
};

export async function requestExport(deps: ExportDeps, actorId: string, patientId?: string): Promise<ExportView> {
  const subject = await subjectOf(deps.db, actorId, patientId);
  const row = await deps.db
    .transaction()
    .execute(async (tx) => {
      const r = await tx.insertInto('data_exports').values({ subject_id: subject, requested_by: actorId }).returningAll().executeTakeFirstOrThrow();
      await deps.jobs.send(BUILD_QUEUE, { exportId: r.id }, { tx });
      return r;
    })
    .catch((err: { code?: string }) => {
      throw err.code === UNIQUE_VIOLATION ? new DomainError('conflict', 'problem.export-running') : err;
    });
  return view(row);
}

export async function exportsOf(db: Db, actorId: string, patientId?: string): Promise<ExportView[]> {
  const subject = await subjectOf(db, actorId, patientId);
  const rows = await db.selectFrom('data_exports').selectAll().where('subject_id', '=', subject).orderBy('created_at', 'desc').limit(20).execute();
  return rows.map(view);
}

/** Everything held about the person, section by section; `onSection` is told after each (for the progress). */
export async function collect(db: Db, subjectId: string, onSection: (done: number, of: number) => Promise<void>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [i, s] of SECTIONS.entries()) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(s.table)} WHERE ${sql.ref(s.column)} = ${subjectId}`.execute(db)).rows;
    for (const r of rows) for (const c of s.omit ?? []) delete r[c];
    const child = CHILDREN[s.id];
    if (child && rows.length) {
      const ids = rows.map((r) => r.id as string);
      const kids = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(child.table)} WHERE ${sql.ref(child.column)} = ANY(${ids}::uuid[]) ORDER BY created_at`.execute(db)).rows;
      for (const r of rows) r[child.as] = kids.filter((k) => k[child.column] === r.id);
    }
    out[s.id] = rows;
    await onSection(i + 1, SECTIONS.length);
  }
  return out;
}

const printable = (v: unknown): string => (v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** The readable version: each section with its title and, per row, its fields as lines. */
export function readable(data: Record<string, unknown[]>, language: Language): string {
  const lines: string[] = [];
  for (const s of SECTIONS) {
    const rows = data[s.id] ?? [];
    lines.push(`${s.title[language]} (${rows.length})`);
    for (const r of rows as Array<Record<string, unknown>>) {
      for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined && !Array.isArray(v)) lines.push(`  ${k}: ${printable(v)}`);
      for (const [k, v] of Object.entries(r)) if (Array.isArray(v)) for (const child of v as Array<Record<string, unknown>>) lines.push(`  ${k}: ${printable(child.body ?? child)}`);
      lines.push('');
    }
    lines.push('');
  }
  return lines.join('\n');
}

const TEXT: Record<Language, { title: string; letter: string }> = {
  nb: { title: 'Dine data', letter: 'Dataene du ba om, er klare. Last dem ned under Min side → Mine data. Hver fil kan lastes ned én gang, innen 7 dager.' },
  nn: { title: 'Dine data', letter: 'Dataa du bad om, er klare. Last dei ned under Mi side → Mine data. Kvar fil kan lastast ned éin gong, innan 7 dagar.' },
  sv: { title: 'Dina uppgifter', letter: 'Uppgifterna du bad om är klara. Ladda ned dem under Min sida → Mina uppgifter. Varje fil kan laddas ned en gång, inom 7 dagar.' },
  en: { title: 'Your data', letter: 'The data you asked for is ready. Download it under My page → My data. Each file can be downloaded once, within 7 days.' },
};

/** The job: builds the export's files, marks it ready, and tells the patient through the inbox (once). */
export async function buildExport(deps: ExportDeps, exportId: string, now = new Date()): Promise<void> {
  const e = await deps.db.updateTable('data_exports').set({ status: 'building' }).where('id', '=', exportId).where('status', 'in', ['queued', 'building']).returningAll().executeTakeFirst();
  if (!e) return;
  const person = await deps.db.selectFrom('persons').select(['name', 'preferred_language']).where('id', '=', e.subject_id).executeTakeFirstOrThrow();
  const language = (['nb', 'nn', 'sv', 'en'].includes(person.preferred_language) ? person.preferred_language : 'nb') as Language;
  const data = await collect(deps.db, e.subject_id, async (done, of) => {
    await deps.db.updateTable('data_exports').set({ progress: Math.min(95, Math.round((done / of) * 90)) }).where('id', '=', exportId).execute();
  });
  const exported = { exportedAt: now.toISOString(), personId: e.subject_id, sections: data };
  const jsonKey = `exports/${exportId}/data.json`;
  const pdfKey = `exports/${exportId}/data.pdf`;
  await deps.files.put(jsonKey, Buffer.from(JSON.stringify(exported, null, 2)), 'application/json');
  const pdf = await letterPdf({ clinicName: 'Nettlege', patientName: person.name, date: localDate(now), subject: TEXT[language].title, body: readable(data, language) });
  await deps.files.put(pdfKey, Buffer.from(pdf), 'application/pdf');
  const expiresAt = new Date(now.getTime() + EXPORT_DAYS * 86_400_000);
  await deps.db.transaction().execute(async (tx) => {
    const ready = await tx.updateTable('data_exports').set({ status: 'ready', progress: 100, json_key: jsonKey, pdf_key: pdfKey, expires_at: expiresAt, ready_at: now }).where('id', '=', exportId).where('status', '=', 'building').returning('id').executeTakeFirst();
    if (!ready) return;
    await deps.jobs.send(EXPIRE_QUEUE, { exportId }, { tx, startAfter: expiresAt });
    // Through the inbox, from the patient's GP office (or another office they belong to); none: the page still shows it.
    const clinic = await tx.selectFrom('patient_clinics').select('clinic_id').where('patient_id', '=', e.subject_id).orderBy('clinic_id').executeTakeFirst();
    const gp = await tx.selectFrom('gp_list_entries').select('clinic_id').where('patient_id', '=', e.subject_id).executeTakeFirst();
    const from = gp?.clinic_id ?? clinic?.clinic_id;
    if (from) await insertSystemLetter(tx, { clinicId: from, patientId: e.subject_id, subject: TEXT[language].title, body: TEXT[language].letter, origin: `export:${exportId}`, at: now });
  });
  deps.log.info({ exportId }, 'data export ready');
}

/** One file of a ready export, once, before it expires; afterwards 410. */
export async function download(deps: ExportDeps, actorId: string, exportId: string, format: 'json' | 'pdf', now = new Date()): Promise<Buffer> {
  const e = await deps.db.selectFrom('data_exports').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!e) throw NotFound();
  await subjectOf(deps.db, actorId, e.subject_id);
  const column = format === 'json' ? 'json_downloaded_at' : 'pdf_downloaded_at';
  const taken = await deps.db.updateTable('data_exports').set({ [column]: now }).where('id', '=', exportId).where('status', '=', 'ready').where(column, 'is', null).where('expires_at', '>', now).returning(['json_key', 'pdf_key']).executeTakeFirst();
  if (!taken) throw new DomainError('gone', 'problem.export-gone');
  const file = await deps.files.get((format === 'json' ? taken.json_key : taken.pdf_key)!);
  if (!file) throw new DomainError('gone', 'problem.export-gone');
  return file;
}

/** The expiry job: the files go, the row says expired. */
export async function expireExport(deps: ExportDeps, exportId: string): Promise<void> {
  const e = await deps.db.updateTable('data_exports').set({ status: 'expired' }).where('id', '=', exportId).where('status', '=', 'ready').returning(['json_key', 'pdf_key']).executeTakeFirst();
  if (!e) return;
  for (const key of [e.json_key, e.pdf_key]) if (key) await deps.files.delete(key);
}
