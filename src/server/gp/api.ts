// The GP list (fastlegeordningen) as the HTTP API shows it: the patient's GP and office, finding a GP, switching, the
// waiting list, journal transfers, and the clinic admin's lists. Shapes only; the web imports them as types.

export type GpGender = 'female' | 'male';
export type ExtraSwitchReason = 'moved' | 'gp-quit' | 'list-reduced';
export type SwitchKind = 'first' | 'ordinary' | 'extra' | 'return';

export interface GpOffice {
  id: string;
  name: string;
  municipality: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  /** Digital services the office offers ('booking', 'econsult', 'video', 'messages', 'prescriptions', …). */
  services: string[];
}

/** A GP's list as anyone may see it (GET /api/gp/search). */
export interface GpSummary {
  practitionerId: string;
  name: string | null;
  gender: GpGender | null;
  languages: string[];
  office: GpOffice;
  listSize: number;
  /** The list ceiling (listetak) the office set. */
  ceiling: number;
  /** ceiling − listSize, never below 0. */
  freePlaces: number;
  waitingCount: number;
  /** 'quit': the GP has left; nobody can switch to the list. */
  status: 'active' | 'quit';
}

export interface GpSearchResult {
  gps: GpSummary[];
  /** Every municipality with a GP list here, for the search's choice. */
  municipalities: string[];
}

/** GET /api/gp/mine?patientId= — the patient (or the child a parent acts for) and their GP. */
export interface MyGp {
  patientId: string;
  patientName: string | null;
  /** False for a parent looking at a child of 16 or more: from 16 the young person chooses alone. */
  mayChoose: boolean;
  gp: (GpSummary & { since: string; otherDoctors: Array<{ practitionerId: string; name: string | null }> }) | null;
  /** The waiting list the patient is on, with the live position (1 = next). */
  waiting: { practitionerId: string; gpName: string | null; officeName: string; position: number; since: string } | null;
  switches: {
    year: number;
    ordinaryUsed: number;
    /** Of the 2 ordinary switches per calendar year. */
    ordinaryLeft: number;
    /** Extra switches not used yet (a registered move, the GP quit, the list was reduced). */
    extra: Array<{ id: string; reason: ExtraSwitchReason; grantedAt: string }>;
    /** Former GPs the patient may go back to (moved back to the former municipality within 3 years), until the date. */
    returnRights: Array<{ practitionerId: string; gpName: string | null; until: string }>;
  };
  journalTransfers: Array<{ id: string; fromOffice: string; toOffice: string; requestedAt: string; status: 'requested' | 'sent'; sentAt: string | null }>;
  /** The patient switched office and has not asked for the journal yet: POST /api/gp/journal-transfer may be offered. */
  mayRequestTransfer: boolean;
}

/** POST /api/gp/switch (Idempotency-Key) — children: the parent's children under 16 who move with the parent. */
export interface SwitchRequest {
  practitionerId: string;
  reason?: string;
  patientId?: string;
  children?: string[];
}

export interface SwitchOutcome {
  patientId: string;
  status: 'switched' | 'waiting';
  practitionerId: string;
  kind: SwitchKind;
  /** On the waiting list: the position (1 = next). */
  position: number | null;
}

export interface SwitchResult extends SwitchOutcome {
  /** Each child that was to move along; a refusal says why as a problem type ('gp-no-switches-left', …). */
  children: Array<(SwitchOutcome & { problem?: undefined }) | { patientId: string; status: 'refused'; problem: string }>;
}

/** A GP's list as the clinic admin sees it (GET /api/admin/gp/lists). */
export interface AdminGpList {
  practitionerId: string;
  name: string | null;
  ceiling: number;
  listSize: number;
  waitingCount: number;
  status: 'active' | 'quit';
}

/** GET /api/admin/gp/lists/:practitionerId — who is on it (audited), and the waiting list in order. */
export interface AdminGpListDetail extends AdminGpList {
  patients: Array<{ patientId: string; name: string | null; since: string; /** Given an extra switch when the list was reduced. */ mustMove: boolean }>;
  waiting: Array<{ patientId: string; name: string | null; since: string; position: number }>;
}

/** PUT /api/admin/gp/lists/:practitionerId/ceiling {ceiling}: raising gives places to the waiting list in order; lowering below the list size is a reduction (the newest patients beyond it get an extra switch and a notice). */
export interface CeilingResult {
  list: AdminGpList;
  /** Patients given a place from the waiting list. */
  placed: number;
  /** Patients given an extra switch because the list was reduced. */
  affected: number;
}

/** GET /api/staff/gp/journal-transfers — requests from or to the staff member's office. */
export interface StaffJournalTransfer {
  id: string;
  patientId: string;
  patientName: string | null;
  fromOffice: string;
  toOffice: string;
  /** 'outgoing': this office is to send the journal; 'incoming': it is to receive it. */
  direction: 'outgoing' | 'incoming';
  requestedAt: string;
  status: 'requested' | 'sent';
  sentAt: string | null;
}
