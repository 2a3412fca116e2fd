// Threads as the API shows them: to the patient side, and to the clinic's staff (without content where they may not read it).
import type { InboxThread, StaffInboxThread, ThreadAttachment, ThreadDetail, ThreadMessage } from './api.ts';
import { isOverdue, MAX_ATTACHMENTS, mayReply } from './domain.ts';
import type { ThreadRow } from './store.ts';
import type * as store from './store.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

type ThreadFacts = Pick<ThreadRow, 'id' | 'kind' | 'subject' | 'clinic_id' | 'clinic_name' | 'patient_id' | 'patient_name' | 'status' | 'created_at' | 'last_message_at' | 'attachment_count' | 'assignee_name' | 'assignee_id'>;

export function inboxThread(t: ThreadFacts & { unread: boolean; preview: string | null }, readerId: string): InboxThread {
  return {
    id: t.id,
    kind: t.kind,
    subject: t.subject,
    clinic: { id: t.clinic_id, name: t.clinic_name },
    patient: { id: t.patient_id, name: t.patient_name },
    concernsSelf: t.patient_id === readerId,
    status: t.status,
    unread: t.unread,
    createdAt: iso(t.created_at),
    lastMessageAt: iso(t.last_message_at),
    preview: t.preview,
    mayReply: mayReply(t.kind, t.status),
    mayAttach: t.kind === 'clinical' && t.status !== 'closed' && t.attachment_count < MAX_ATTACHMENTS,
    attachmentCount: t.attachment_count,
    assignee: t.kind === 'clinical' && t.assignee_id ? { name: t.assignee_name } : null,
  };
}

export function staffInboxThread(
  t: ThreadFacts & Pick<ThreadRow, 'due_at' | 'assignee_role'> & { unread: boolean; preview: string | null; with_content: boolean },
  now: Date,
): StaffInboxThread {
  return {
    id: t.id,
    kind: t.kind,
    subject: t.with_content ? t.subject : null,
    preview: t.with_content ? t.preview : null,
    contentHidden: !t.with_content,
    patient: { id: t.patient_id, name: t.patient_name },
    status: t.status,
    unread: t.unread,
    assignee: t.assignee_id ? { personId: t.assignee_id, name: t.assignee_name, role: t.assignee_role ?? 'clinician' } : null,
    dueAt: t.due_at ? iso(t.due_at) : null,
    overdue: isOverdue(t, now),
    createdAt: iso(t.created_at),
    lastMessageAt: iso(t.last_message_at),
    attachmentCount: t.attachment_count,
  };
}

type MessageRow = Awaited<ReturnType<typeof store.messagesOf>>[number];
type AttachmentRow = Awaited<ReturnType<typeof store.attachmentsOf>>[number];

export function messageView(r: MessageRow, readerId: string): ThreadMessage {
  return { id: r.id, body: r.body, authorName: r.author_name, authorRole: r.author_role, createdAt: iso(r.created_at), mine: r.author_id === readerId };
}

export function attachmentView(a: AttachmentRow): ThreadAttachment {
  return { id: a.id, contentType: a.content_type, bytes: a.bytes, createdAt: iso(a.created_at) };
}

export function detail<T>(thread: T, messages: MessageRow[], attachments: AttachmentRow[], readerId: string): ThreadDetail<T> {
  return { thread, messages: messages.map((r) => messageView(r, readerId)), attachments: attachments.map(attachmentView) };
}

/** The newest message of a detail, as the list's preview. */
export const previewOf = (messages: MessageRow[]) => messages.at(-1)?.body.slice(0, 140) ?? null;
