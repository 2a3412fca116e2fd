// Attachments to a health question: photos and PDFs, judged by their bytes, never by name or type header. Photos go
// through the e-consultation's photo code (checked, re-encoded as JPEG without metadata); a PDF is kept as it is once
// its signature and size are right. At most five per thread (a CHECK on the thread), 10 MB each.
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import type { MessageKey } from '../platform/http/messages.ts';
import { recordAccess } from '../platform/audit.ts';
import { PhotoRejectedError, processPhoto, type PhotoRejectReason } from '../files/photos.ts';
import { sniffImage } from '../files/sniff.ts';
import type { ThreadAttachment } from './api.ts';
import type { MessagesDeps, PatientActor, StaffActor } from './deps.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, staffMayReadContent } from './domain.ts';
import { visibleThread } from './patient.ts';
import * as store from './store.ts';
import { attachmentView } from './views.ts';

const PHOTO_REFUSALS: Record<PhotoRejectReason, MessageKey> = {
  'too-large': 'problem.message-attachment-too-large',
  'not-an-image': 'problem.message-attachment-type',
  'unsupported-format': 'problem.message-attachment-type',
  'heic-not-supported': 'problem.photo-heic',
  corrupt: 'problem.photo-corrupt',
  'too-many-pixels': 'problem.photo-too-many-pixels',
};

/** A PDF starts with "%PDF-" and a version (the header may sit within the first 1024 bytes, as readers allow). */
export function isPdf(bytes: Buffer): boolean {
  const at = bytes.subarray(0, 1024).indexOf('%PDF-');
  return at >= 0 && /^%PDF-\d\.\d/.test(bytes.subarray(at, at + 8).toString('latin1'));
}

/** What is kept of an upload: a re-encoded JPEG or the PDF as it came; anything else is refused. */
async function keepable(bytes: Buffer): Promise<{ body: Buffer; contentType: 'image/jpeg' | 'application/pdf'; ext: string }> {
  if (bytes.length === 0) throw new DomainError('invalid', 'problem.message-attachment-type');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new DomainError('payload-too-large', 'problem.message-attachment-too-large');
  if (isPdf(bytes)) return { body: bytes, contentType: 'application/pdf', ext: 'pdf' };
  if (sniffImage(bytes) === undefined) throw new DomainError('unsupported-media-type', 'problem.message-attachment-type');
  try {
    const photo = await processPhoto(bytes);
    return { body: photo.image, contentType: photo.contentType, ext: 'jpg' };
  } catch (err) {
    if (!(err instanceof PhotoRejectedError)) throw err;
    const kind = err.reason === 'unsupported-format' ? 'unsupported-media-type' : 'invalid';
    throw new DomainError(kind, PHOTO_REFUSALS[err.reason], {}, { reason: err.reason });
  }
}

export async function addAttachment(deps: MessagesDeps, actor: PatientActor, threadId: string, bytes: Buffer): Promise<ThreadAttachment> {
  const t = await visibleThread(deps.db, actor, threadId);
  if (t.kind !== 'clinical') throw new DomainError('conflict', 'problem.message-attachments-clinical');
  if (t.status === 'closed') throw new DomainError('conflict', 'problem.message-thread-closed');
  if (t.attachment_count >= MAX_ATTACHMENTS) throw new DomainError('conflict', 'problem.message-attachment-limit', { max: MAX_ATTACHMENTS });
  const kept = await keepable(bytes);
  const id = randomUUID();
  const storageKey = `messages/${t.id}/${id}.${kept.ext}`;
  // Stored before the row: a row never points at a missing file. A failed insert deletes it again.
  await deps.files.put(storageKey, kept.body, kept.contentType);
  try {
    const row = await deps.db.transaction().execute(async (tx) => {
      if (!(await store.takeAttachmentPlace(tx, t.id))) throw new DomainError('conflict', 'problem.message-attachment-limit', { max: MAX_ATTACHMENTS });
      return store.insertAttachment(tx, {
        id,
        thread_id: t.id,
        uploaded_by: actor.personId,
        storage_key: storageKey,
        content_type: kept.contentType,
        bytes: kept.body.length,
        sha256: createHash('sha256').update(kept.body).digest('hex'),
      });
    });
    return attachmentView(row);
  } catch (err) {
    await deps.files.delete(storageKey).catch(() => undefined);
    throw err;
  }
}

export interface AttachmentFile {
  body: Buffer;
  contentType: 'image/jpeg' | 'application/pdf';
}

async function fileOf(deps: MessagesDeps, threadId: string, attachmentId: string): Promise<AttachmentFile> {
  const a = await store.attachment(deps.db, threadId, attachmentId);
  const body = a && (await deps.files.get(a.storage_key));
  if (!a || !body) throw NotFound();
  return { body, contentType: a.content_type };
}

export async function patientAttachment(deps: MessagesDeps, actor: PatientActor, threadId: string, attachmentId: string): Promise<AttachmentFile> {
  const t = await visibleThread(deps.db, actor, threadId);
  return fileOf(deps, t.id, attachmentId);
}

/** For staff who may read the thread (a clinician, for a health question); audited. */
export async function staffAttachment(deps: MessagesDeps, staff: StaffActor, threadId: string, attachmentId: string): Promise<AttachmentFile> {
  const t = await store.thread(deps.db, threadId);
  if (!t || t.clinic_id !== staff.clinicId) throw NotFound();
  if (!staffMayReadContent(t.kind, staff.roles)) throw Forbidden('problem.message-clinical-content');
  const file = await fileOf(deps, t.id, attachmentId);
  await recordAccess(deps.db, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: t.patient_id, clinicId: staff.clinicId, action: `messages.${t.kind}.attachment`, reason: 'messages', requestId: staff.requestId });
  return file;
}
