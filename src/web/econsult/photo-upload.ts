// Sends one photo as the file's own bytes (the server reads no multipart).
import { sendBody } from '../api.ts';
import type { PhotoView } from './types.ts';

export function photosPath(caseId: string): string {
  return `/api/econsult/cases/${encodeURIComponent(caseId)}/photos`;
}

/**
 * The content type to send: an image's own type, else a neutral one. The server decides by the bytes what the file is, and
 * only for image/* or octet-stream does it answer with the photo's own reason (a text file sent as text/plain gets a
 * generic 415 instead of "this is not a photo").
 */
export function photoContentType(file: { type: string }): string {
  return file.type.startsWith('image/') ? file.type : 'application/octet-stream';
}

export function uploadPhoto(caseId: string, file: Blob): Promise<PhotoView> {
  return sendBody<PhotoView>(photosPath(caseId), file, photoContentType(file));
}
