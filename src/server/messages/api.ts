// The messages API's shapes, as the routes send them (the web app may import these types).
import type { AuthorRole, ThreadKind, ThreadStatus } from './schema.ts';
import type { PatientHealthContact } from '../contacts/api.ts';

export interface Named {
  id: string;
  name: string | null;
}

/** One thread in the patient's inbox (or a parent's: `patient` says whom it concerns). */
export interface InboxThread {
  id: string;
  kind: ThreadKind;
  subject: string;
  clinic: Named;
  patient: Named;
  /** The logged-in person's own thread (false: a child's). */
  concernsSelf: boolean;
  status: ThreadStatus;
  unread: boolean;
  createdAt: string;
  lastMessageAt: string;
  /** The start of the newest message. */
  preview: string | null;
  mayReply: boolean;
  /** Attachments can be added (a clinical question that is not closed, fewer than five). */
  mayAttach: boolean;
  attachmentCount: number;
  /** The clinician a clinical question went to; null: the clinic's team. */
  assignee: { name: string | null } | null;
}

/** One thread in the clinic's inbox; for reception a clinical thread comes without subject and preview. */
export interface StaffInboxThread {
  id: string;
  kind: ThreadKind;
  subject: string | null;
  preview: string | null;
  /** True where the caller may not read the content (reception, for a clinical thread). */
  contentHidden: boolean;
  patient: Named;
  status: ThreadStatus;
  unread: boolean;
  assignee: { personId: string; name: string | null; role: string } | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  lastMessageAt: string;
  attachmentCount: number;
}

export interface ThreadMessage {
  id: string;
  body: string;
  authorName: string | null;
  authorRole: AuthorRole;
  createdAt: string;
  mine: boolean;
}

export interface ThreadAttachment {
  id: string;
  contentType: 'image/jpeg' | 'application/pdf';
  bytes: number;
  createdAt: string;
}

export interface ThreadDetail<T = InboxThread> {
  thread: T;
  messages: ThreadMessage[];
  attachments: ThreadAttachment[];
}

/** What the patient can write to one clinic: the kinds it takes, its clinicians, the GP there, its contact details. */
export interface MessageClinic {
  id: string;
  name: string;
  patientId: string;
  offers: Array<'admin' | 'clinical'>;
  contact: { phone: string | null; email: string | null; address: string | null; website: string | null };
  gpPractitionerId: string | null;
  clinicians: Array<{ practitionerId: string; name: string | null; profession: string }>;
  /** The people assigned to the patient there: the GP, the care coordinator, contact people (health contacts). */
  contacts: PatientHealthContact[];
}
