// The journal as the API shows it, to patients (GET /api/journal) and to the clinician of a visit: each note at its
// newest version, with the versions it corrected (never silently edited).

export interface JournalVersion {
  id: string;
  version: number;
  title: string;
  body: string;
  createdAt: string;
  authorName: string | null;
}

export interface JournalNote extends JournalVersion {
  sourceKind: 'econsult' | 'appointment' | 'manual';
  /** When the first version was written (the visit's note); createdAt is the newest version's. */
  firstWrittenAt: string;
  authorProfession: 'doctor' | 'nurse' | 'psychologist' | 'physiotherapist' | 'midwife';
  clinicName: string;
  /** Earlier versions, newest first. */
  earlier: JournalVersion[];
}
