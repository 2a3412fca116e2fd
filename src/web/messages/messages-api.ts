// Messages as React Query hooks: the patient's inbox, threads, new questions, answers and attachments, and the clinic's
// inbox with answers, hand-over, closing and letters. The JSON shapes are the server's (type-only import).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxThread, MessageClinic, StaffInboxThread, ThreadAttachment, ThreadDetail } from '../../server/messages/api.ts';
import { getJson, sendBody, sendJson } from '../api.ts';

export type { InboxThread, MessageClinic, StaffInboxThread, ThreadAttachment, ThreadDetail, ThreadMessage } from '../../server/messages/api.ts';

const INBOX = ['messages', 'inbox'];
const CLINICS = ['messages', 'clinics'];
const THREAD = (id: string) => ['messages', 'thread', id];
const STAFF_INBOX = ['messages', 'staff', 'inbox'];
const STAFF_THREAD = (id: string) => ['messages', 'staff', 'thread', id];

const enc = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Every thread and letter the person may see (their own and their children's), newest first. */
export function useInbox(q: string) {
  return useQuery({
    queryKey: [...INBOX, q],
    queryFn: () => getJson<{ threads: InboxThread[] }>(`/api/inbox${query({ q: q.trim() || undefined })}`).then((r) => r.threads),
    placeholderData: (previous) => previous,
  });
}

/** The clinics the session's subject can write to: what each takes, its clinicians, the GP there and its contact details. */
export function useMessageClinics() {
  return useQuery({ queryKey: CLINICS, queryFn: () => getJson<{ clinics: MessageClinic[] }>('/api/inbox/clinics').then((r) => r.clinics), staleTime: 5 * 60_000 });
}

/** One thread with its messages; reading marks it read, so the inbox is fetched again afterwards. */
export function useThread(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: THREAD(id),
    queryFn: async () => {
      const detail = await getJson<ThreadDetail>(`/api/threads/${enc(id)}`);
      void client.invalidateQueries({ queryKey: INBOX });
      return detail;
    },
  });
}

export interface NewThreadInput {
  kind: 'admin' | 'clinical';
  clinicId: string;
  practitionerId?: string;
  subject: string;
  body: string;
}

/** Starts a thread under the caller's Idempotency-Key (the same key again for a retry of the same message). */
export function useStartThread() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: NewThreadInput; idempotencyKey: string }) =>
      sendJson<ThreadDetail>('POST', '/api/threads', input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: (detail) => {
      client.setQueryData(THREAD(detail.thread.id), detail);
      void client.invalidateQueries({ queryKey: INBOX });
    },
  });
}

export function useReply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => sendJson<ThreadDetail>('POST', `/api/threads/${enc(id)}/messages`, { body }),
    onSuccess: (detail) => {
      client.setQueryData(THREAD(id), detail);
      void client.invalidateQueries({ queryKey: INBOX });
    },
  });
}

/**
 * The content type to send: a photo's or PDF's own type, else a neutral one; the server decides by the bytes what the
 * file is, and answers with its own reason when it is neither.
 */
export function attachmentContentType(file: { type: string }): string {
  return file.type.startsWith('image/') || file.type === 'application/pdf' ? file.type : 'application/octet-stream';
}

export function useUploadAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: Blob) => sendBody<ThreadAttachment>(`/api/threads/${enc(id)}/attachments`, file, attachmentContentType(file)),
    onSettled: () => client.invalidateQueries({ queryKey: THREAD(id) }),
  });
}

export const attachmentUrl = (audience: 'patient' | 'staff', threadId: string, attachmentId: string) =>
  `/api/${audience === 'staff' ? 'staff/' : ''}threads/${enc(threadId)}/attachments/${enc(attachmentId)}`;

/** The clinic's open threads (or the closed ones too), for the staff member's eyes: reception gets health questions without content. */
export function useStaffInbox(q: string, closed: boolean) {
  return useQuery({
    queryKey: [...STAFF_INBOX, q, closed],
    queryFn: () => getJson<{ threads: StaffInboxThread[] }>(`/api/staff/inbox${query({ q: q.trim() || undefined, closed: closed ? 'true' : undefined })}`).then((r) => r.threads),
    placeholderData: (previous) => previous,
  });
}

/** Each read is audited: fetched once per visit, not on focus. A 403 (reception, a health question) is not retried. */
export function useStaffThread(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: STAFF_THREAD(id),
    queryFn: async () => {
      const detail = await getJson<ThreadDetail<StaffInboxThread>>(`/api/staff/threads/${enc(id)}`);
      void client.invalidateQueries({ queryKey: STAFF_INBOX });
      return detail;
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useStaffReply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => sendJson<ThreadDetail<StaffInboxThread>>('POST', `/api/staff/threads/${enc(id)}/messages`, { body }),
    onSuccess: (detail) => {
      client.setQueryData(STAFF_THREAD(id), detail);
      void client.invalidateQueries({ queryKey: STAFF_INBOX });
    },
  });
}

/** Updates the thread's own view (where one is loaded) with the changed list item. */
function withThread(client: ReturnType<typeof useQueryClient>, id: string, thread: StaffInboxThread) {
  client.setQueryData<ThreadDetail<StaffInboxThread>>(STAFF_THREAD(id), (d) => (d ? { ...d, thread: { ...thread, subject: d.thread.subject, preview: d.thread.preview } } : d));
  void client.invalidateQueries({ queryKey: STAFF_INBOX });
}

export function useAssign(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (personId: string | null) => sendJson<StaffInboxThread>('POST', `/api/staff/threads/${enc(id)}/assign`, { personId }),
    onSuccess: (thread) => {
      withThread(client, id, thread);
      void client.invalidateQueries({ queryKey: ['messages', 'staff', 'hand-over', id] });
    },
  });
}

export function useCloseThread(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<StaffInboxThread>('POST', `/api/staff/threads/${enc(id)}/close`),
    onSuccess: (thread) => withThread(client, id, thread),
  });
}

export function useSendLetter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { patientId: string; subject: string; body: string }) => sendJson<ThreadDetail<StaffInboxThread>>('POST', '/api/staff/letters', input),
    onSettled: () => client.invalidateQueries({ queryKey: STAFF_INBOX }),
  });
}

/** Whom the thread can be handed to (the clinic's staff; clinical threads: clinicians). */
export function useHandOverCandidates(id: string) {
  return useQuery({
    queryKey: ['messages', 'staff', 'hand-over', id],
    queryFn: () => getJson<{ candidates: Array<{ personId: string; name: string | null; role: string }> }>(`/api/staff/threads/${enc(id)}/hand-over-candidates`).then((r) => r.candidates),
  });
}
