// What "download my data" holds: every table the installation keeps about a person, by the column that names them,
// in the order the readable version lists them. Each section's title in the four languages.
type Language = 'nb' | 'nn' | 'sv' | 'en';

export interface Section {
  id: string;
  table: string;
  column: string;
  title: Record<Language, string>;
  /** Columns left out: secrets and internal bookkeeping, never the person's own information. */
  omit?: readonly string[];
}

const t = (nb: string, nn: string, sv: string, en: string) => ({ nb, nn, sv, en });

export const SECTIONS: readonly Section[] = [
  { id: 'person', table: 'persons', column: 'id', title: t('Om deg', 'Om deg', 'Om dig', 'About you') },
  { id: 'guardians', table: 'guardian_relations', column: 'child_id', title: t('Foreldre med tilgang', 'Foreldre med tilgang', 'Föräldrar med åtkomst', 'Parents with access') },
  { id: 'gp', table: 'gp_list_entries', column: 'patient_id', title: t('Fastlege', 'Fastlege', 'Fastläkare', 'GP') },
  { id: 'gpHistory', table: 'gp_list_history', column: 'patient_id', title: t('Tidligere fastleger', 'Tidlegare fastlegar', 'Tidigare fastläkare', 'Former GPs') },
  { id: 'gpSwitches', table: 'gp_switches', column: 'person_id', title: t('Fastlegebytter', 'Fastlegebyte', 'Byten av fastläkare', 'GP switches') },
  { id: 'gpWaiting', table: 'gp_waiting_list', column: 'patient_id', title: t('Ventelister', 'Ventelister', 'Väntelistor', 'Waiting lists') },
  { id: 'gpTransfers', table: 'gp_journal_transfers', column: 'patient_id', title: t('Journaloverføringer', 'Journaloverføringar', 'Journalöverföringar', 'Journal transfers') },
  { id: 'moves', table: 'population_moves', column: 'person_id', title: t('Flyttinger', 'Flyttingar', 'Flyttar', 'Moves') },
  { id: 'appointments', table: 'appointments', column: 'patient_id', title: t('Timer', 'Timar', 'Tider', 'Appointments') },
  { id: 'bookingRequests', table: 'booking_requests', column: 'patient_id', title: t('Timeforespørsler', 'Timeførespurnader', 'Tidsförfrågningar', 'Booking requests') },
  { id: 'dropin', table: 'dropin_entries', column: 'patient_id', title: t('Drop-in-køer', 'Drop-in-køar', 'Drop-in-köer', 'Drop-in queues') },
  { id: 'econsult', table: 'econsult_cases', column: 'patient_id', title: t('E-konsultasjoner', 'E-konsultasjonar', 'E-konsultationer', 'E-consultations') },
  { id: 'threads', table: 'message_threads', column: 'patient_id', title: t('Meldinger', 'Meldingar', 'Meddelanden', 'Messages') },
  { id: 'journal', table: 'journal_notes', column: 'patient_id', title: t('Journal', 'Journal', 'Journal', 'Journal') },
  { id: 'prescriptions', table: 'prescriptions', column: 'patient_id', title: t('Resepter', 'Resept', 'Recept', 'Prescriptions') },
  { id: 'renewals', table: 'prescription_renewal_requests', column: 'patient_id', title: t('Reseptfornyelser', 'Reseptfornyingar', 'Receptförnyelser', 'Prescription renewals') },
  { id: 'healthContacts', table: 'health_contacts', column: 'patient_id', title: t('Faste kontakter', 'Faste kontaktar', 'Fasta kontakter', 'Health contacts') },
  { id: 'vaccinations', table: 'vaccination_bookings', column: 'patient_id', title: t('Vaksiner', 'Vaksinar', 'Vaccinationer', 'Vaccinations') },
  { id: 'payments', table: 'payments', column: 'person_id', title: t('Betalinger', 'Betalingar', 'Betalningar', 'Payments'), omit: ['provider_ref'] },
  { id: 'copayments', table: 'copayments', column: 'person_id', title: t('Egenandeler', 'Eigendelar', 'Egenavgifter', 'Co-payments') },
  { id: 'invoices', table: 'invoices', column: 'patient_id', title: t('Fakturaer', 'Fakturaer', 'Fakturor', 'Invoices') },
  { id: 'consents', table: 'consent_events', column: 'person_id', title: t('Samtykker', 'Samtykke', 'Samtycken', 'Consents') },
  { id: 'notices', table: 'notifications', column: 'person_id', title: t('Varsler sendt til deg', 'Varsel sende til deg', 'Aviseringar till dig', 'Notices sent to you'), omit: ['provider_message_id'] },
  { id: 'accessLog', table: 'audit_log', column: 'subject_person_id', title: t('Hvem har sett opplysningene dine', 'Kven har sett opplysningane dine', 'Vem har sett dina uppgifter', 'Who has seen your information') },
];

/** Rows of a thread-like section that carry their own children (messages of a thread, messages of a case). */
export const CHILDREN: Readonly<Record<string, { table: string; column: string; as: string }>> = {
  threads: { table: 'thread_messages', column: 'thread_id', as: 'messages' },
  econsult: { table: 'econsult_messages', column: 'case_id', as: 'messages' },
};
