// Photos of a case: checked by content and re-encoded without metadata before anything is stored; five with the case,
// more while it is open, counted by the database; served only to the patient and to the clinic's staff (audited).
import { randomUUID } from 'node:crypto';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import type { MessageKey } from '../platform/http/messages.ts';
import { recordAccess } from '../platform/audit.ts';
import { mayActFor } from '../identity/service.ts';
import { PhotoRejectedError, processPhoto, type PhotoRejectReason } from '../files/photos.ts';
import { MAX_PHOTOS_AT_SUBMIT, MAX_PHOTOS_IN_ALL } from './domain.ts';
import { publishChange, type Actor, type EconsultDeps } from './deps.ts';
import { patientCase } from './patient.ts';
import * as store from './store.ts';

const REFUSALS: Record<PhotoRejectReason, MessageKey> = {
  'too-large': 'problem.photo-too-large',
  'not-an-image': 'problem.photo-not-an-image',
  'unsupported-format': 'problem.photo-unsupported',
  'heic-not-supported': 'problem.photo-heic',
  corrupt: 'problem.photo-corrupt',
  'too-many-pixels': 'problem.photo-too-many-pixels',
};

export async function addPhoto(deps: EconsultDeps, actor: Actor, caseId: string, bytes: Buffer) {
  const c = await patientCase(deps, actor, caseId);
  const draft = c.status === 'draft';
  if (!draft && !['open', 'claimed', 'waiting_for_patient'].includes(c.status)) throw new DomainError('conflict', 'problem.econsult-wrong-state');
  const max = draft ? MAX_PHOTOS_AT_SUBMIT : MAX_PHOTOS_IN_ALL;
  if (c.photo_count >= max) throw new DomainError('conflict', 'problem.econsult-photo-limit', { max });
  let processed;
  try {
    processed = await processPhoto(bytes);
  } catch (err) {
    if (err instanceof PhotoRejectedError) throw new DomainError('invalid', REFUSALS[err.reason], {}, { reason: err.reason });
    throw err;
  }
  const id = randomUUID();
  const storageKey = `econsult/${c.id}/${id}.jpg`;
  const thumbKey = `econsult/${c.id}/${id}.thumb.jpg`;
  // Stored before the row: a row never points at a missing file. A failed insert deletes them again.
  await deps.files.put(storageKey, processed.image, processed.contentType);
  await deps.files.put(thumbKey, processed.thumbnail, processed.contentType);
  try {
    const row = await deps.db.transaction().execute(async (tx) => {
      const placed = await store.takePhotoPlace(tx, c.id, draft ? ['draft'] : ['open', 'claimed', 'waiting_for_patient'], max);
      if (!placed) throw new DomainError('conflict', 'problem.econsult-photo-limit', { max });
      const photo = await store.insertPhoto(tx, {
        caseId: c.id,
        uploadedBy: actor.personId,
        storageKey,
        thumbKey,
        width: processed.width,
        height: processed.height,
        thumbWidth: processed.thumbWidth,
        thumbHeight: processed.thumbHeight,
        bytes: processed.image.length,
        sha256: processed.sha256,
        afterSubmit: !draft,
      });
      return { photo, placed };
    });
    if (!draft) await publishChange(deps, row.placed);
    return row.photo;
  } catch (err) {
    await deps.files.delete(storageKey).catch(() => undefined);
    await deps.files.delete(thumbKey).catch(() => undefined);
    throw err;
  }
}

export async function removePhoto(deps: EconsultDeps, actor: Actor, caseId: string, photoId: string): Promise<void> {
  const c = await patientCase(deps, actor, caseId);
  const gone = await deps.db.transaction().execute((tx) => store.removeDraftPhoto(tx, c.id, photoId));
  if (!gone) throw c.status === 'draft' ? NotFound() : new DomainError('conflict', 'problem.econsult-not-draft');
  await deps.files.delete(gone.storage_key);
  await deps.files.delete(gone.thumb_key);
}

/** The photo's bytes for someone allowed to see them: the patient (or parent), or staff of the case's clinic (audited). */
export async function photoBytes(deps: EconsultDeps, actor: Actor & { kind: 'patient' | 'staff' }, photoId: string, variant: 'full' | 'thumb'): Promise<Buffer> {
  const p = await store.photo(deps.db, photoId);
  if (!p) throw NotFound();
  if (actor.kind === 'staff') {
    if (p.clinic_id !== actor.clinicId || p.status === 'draft' || p.status === 'awaiting_payment') throw NotFound();
    await recordAccess(deps.db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: p.patient_id, clinicId: actor.clinicId, action: 'econsult.photo', reason: 'e-consultation', requestId: actor.requestId });
  } else if (p.patient_id !== actor.personId && p.submitted_by !== actor.personId && !(await mayActFor(deps.db, actor.personId, p.patient_id))) {
    throw NotFound();
  }
  const bytes = await deps.files.get(variant === 'thumb' ? p.thumb_key : p.storage_key);
  if (!bytes) throw NotFound();
  return bytes;
}
