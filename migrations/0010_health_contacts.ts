// Health contacts (issue 9): the clinicians assigned to a patient at a clinic as care coordinator (forløpskoordinator)
// or contact person, beside the GP. An assignment is ended, never deleted, so who was responsible when stays known.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A composite key to point at, so a contact's practitioner and that practitioner's person cannot disagree.
  await sql`ALTER TABLE practitioners ADD CONSTRAINT practitioners_id_person_key UNIQUE (id, person_id)`.execute(db);

  // The contact is a clinician at the assignment's clinic: the foreign key to staff_roles (person, clinic, 'clinician'),
  // as message_threads does for its assignee. staff_roles keys on the person, so the practitioner's person is kept too.
  await sql`
    CREATE TABLE health_contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      practitioner_id uuid NOT NULL,
      practitioner_person_id uuid NOT NULL,
      staff_role text NOT NULL DEFAULT 'clinician' CHECK (staff_role = 'clinician'),
      role text NOT NULL CHECK (role IN ('care_coordinator', 'contact_person')),
      assigned_by uuid NOT NULL REFERENCES persons(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      ended_by uuid REFERENCES persons(id),
      CONSTRAINT health_contacts_practitioner_fkey FOREIGN KEY (practitioner_id, practitioner_person_id) REFERENCES practitioners (id, person_id),
      CONSTRAINT health_contacts_clinician_at_clinic FOREIGN KEY (practitioner_person_id, clinic_id, staff_role) REFERENCES staff_roles (person_id, clinic_id, role),
      CHECK ((ended_at IS NULL) = (ended_by IS NULL))
    )`.execute(db);
  // One active assignment per patient, clinic, clinician and role; ended ones stay beside it as history.
  await sql`CREATE UNIQUE INDEX health_contacts_one_active ON health_contacts (patient_id, clinic_id, practitioner_id, role) WHERE ended_at IS NULL`.execute(db);

  // The application reads, assigns and ends; it never deletes, and of an assignment it may change only its end.
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nettlege_app') THEN
        EXECUTE 'REVOKE ALL ON health_contacts FROM nettlege_app';
        EXECUTE 'GRANT SELECT, INSERT ON health_contacts TO nettlege_app';
        EXECUTE 'GRANT UPDATE (ended_at, ended_by) ON health_contacts TO nettlege_app';
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      NULL;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
