// The routes of the web app inside the shared layout; every page but the front page loads on demand.
import { JournalPage } from './journal/journal-page.tsx';
import { AppointmentNotePage } from './journal/appointment-note-page.tsx';
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { StartPage } from './identity/start-page.tsx';
import { Layout } from './platform/layout.tsx';
import { NotFoundPage } from './platform/not-found-page.tsx';

const MinSidePage = lazy(() => import('./identity/min-side-page.tsx').then((m) => ({ default: m.MinSidePage })));
const AccessLogPage = lazy(() => import('./identity/access-log-page.tsx').then((m) => ({ default: m.AccessLogPage })));
const StaffHomePage = lazy(() => import('./staff/staff-home-page.tsx').then((m) => ({ default: m.StaffHomePage })));
const PatientPage = lazy(() => import('./staff/patient-page.tsx').then((m) => ({ default: m.PatientPage })));
const BookingPage = lazy(() => import('./booking/booking-page.tsx').then((m) => ({ default: m.BookingPage })));
const MyAppointmentsPage = lazy(() => import('./booking/my-appointments-page.tsx').then((m) => ({ default: m.MyAppointmentsPage })));
const DayListPage = lazy(() => import('./booking/day-list-page.tsx').then((m) => ({ default: m.DayListPage })));
const StaffBookingPage = lazy(() => import('./booking/staff-booking-page.tsx').then((m) => ({ default: m.StaffBookingPage })));
const DropinPage = lazy(() => import('./dropin/dropin-page.tsx').then((m) => ({ default: m.DropinPage })));
const StaffDropinPage = lazy(() => import('./dropin/staff-dropin-page.tsx').then((m) => ({ default: m.StaffDropinPage })));
const BookingRequestsPage = lazy(() => import('./sms-booking/booking-requests-page.tsx').then((m) => ({ default: m.BookingRequestsPage })));
const SchedulePage = lazy(() => import('./schedule/schedule-page.tsx').then((m) => ({ default: m.SchedulePage })));
const EconsultStartPage = lazy(() => import('./econsult/start-page.tsx').then((m) => ({ default: m.EconsultStartPage })));
const MyCasesPage = lazy(() => import('./econsult/my-cases-page.tsx').then((m) => ({ default: m.MyCasesPage })));
const EconsultCasePage = lazy(() => import('./econsult/case-page.tsx').then((m) => ({ default: m.EconsultCasePage })));
const StaffEconsultQueuePage = lazy(() => import('./econsult/staff-queue-page.tsx').then((m) => ({ default: m.StaffEconsultQueuePage })));
const StaffEconsultCasePage = lazy(() => import('./econsult/staff-case-page.tsx').then((m) => ({ default: m.StaffEconsultCasePage })));
const VideoTestPage = lazy(() => import('./video/test-page.tsx').then((m) => ({ default: m.VideoTestPage })));
const VideoJoinPage = lazy(() => import('./video/join-page.tsx').then((m) => ({ default: m.VideoJoinPage })));
const VideoGuestPage = lazy(() => import('./video/guest-page.tsx').then((m) => ({ default: m.VideoGuestPage })));
const ClinicianVideoPage = lazy(() => import('./video/clinician-page.tsx').then((m) => ({ default: m.ClinicianVideoPage })));
const MyPrescriptionsPage = lazy(() => import('./prescriptions/my-prescriptions-page.tsx').then((m) => ({ default: m.MyPrescriptionsPage })));
const CopaymentsPage = lazy(() => import('./money/copayments-page.tsx').then((m) => ({ default: m.CopaymentsPage })));
const ClinicMoneyPage = lazy(() => import('./money/admin/clinic-money-page.tsx').then((m) => ({ default: m.ClinicMoneyPage })));
const StatisticsPage = lazy(() => import('./stats/statistics-page.tsx').then((m) => ({ default: m.StatisticsPage })));
const StaffRenewalsPage = lazy(() => import('./prescriptions/staff-renewals-page.tsx').then((m) => ({ default: m.StaffRenewalsPage })));
const InboxPage = lazy(() => import('./messages/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const NewMessagePage = lazy(() => import('./messages/new-message-page.tsx').then((m) => ({ default: m.NewMessagePage })));
const ThreadPage = lazy(() => import('./messages/thread-page.tsx').then((m) => ({ default: m.ThreadPage })));
const StaffInboxPage = lazy(() => import('./messages/staff-inbox-page.tsx').then((m) => ({ default: m.StaffInboxPage })));
const StaffThreadPage = lazy(() => import('./messages/staff-thread-page.tsx').then((m) => ({ default: m.StaffThreadPage })));
const MyGpPage = lazy(() => import('./gp/my-gp-page.tsx').then((m) => ({ default: m.MyGpPage })));
const FindGpPage = lazy(() => import('./gp/find-gp-page.tsx').then((m) => ({ default: m.FindGpPage })));
const GpListsPage = lazy(() => import('./gp/admin/gp-lists-page.tsx').then((m) => ({ default: m.GpListsPage })));
const JournalTransfersPage = lazy(() => import('./gp/journal-transfers-page.tsx').then((m) => ({ default: m.JournalTransfersPage })));
const VaccinationPage = lazy(() => import('./vaccination/vaccination-page.tsx').then((m) => ({ default: m.VaccinationPage })));
const StaffVaccinationPage = lazy(() => import('./vaccination/staff-vaccination-page.tsx').then((m) => ({ default: m.StaffVaccinationPage })));
const ConsentsPage = lazy(() => import('./consents/consents-page.tsx').then((m) => ({ default: m.ConsentsPage })));
const DeleteAccountPage = lazy(() => import('./account/delete-account-page.tsx').then((m) => ({ default: m.DeleteAccountPage })));
const MyDataPage = lazy(() => import('./export/my-data-page.tsx').then((m) => ({ default: m.MyDataPage })));
const OutboxPage = lazy(() => import('./notifications/outbox-page.tsx').then((m) => ({ default: m.OutboxPage })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<StartPage />} />
        <Route path="min-side" element={<MinSidePage />} />
        <Route path="min-side/tilgangslogg" element={<AccessLogPage />} />
        <Route path="min-side/journal" element={<JournalPage />} />
        <Route path="min-side/resepter" element={<MyPrescriptionsPage />} />
        <Route path="min-side/egenandeler" element={<CopaymentsPage />} />
        <Route path="ansatt" element={<StaffHomePage />} />
        <Route path="timebestilling" element={<BookingPage />} />
        <Route path="timer" element={<MyAppointmentsPage />} />
        <Route path="ansatt/pasient/:id" element={<PatientPage />} />
        <Route path="ansatt/dagsliste" element={<DayListPage />} />
        <Route path="ansatt/bestill" element={<StaffBookingPage />} />
        <Route path="drop-in" element={<DropinPage />} />
        <Route path="ansatt/drop-in" element={<StaffDropinPage />} />
        <Route path="ansatt/foresporsler" element={<BookingRequestsPage />} />
        <Route path="ansatt/timeplan" element={<SchedulePage />} />
        <Route path="e-konsultasjon" element={<EconsultStartPage />} />
        <Route path="e-konsultasjon/saker" element={<MyCasesPage />} />
        <Route path="e-konsultasjon/:id" element={<EconsultCasePage />} />
        <Route path="ansatt/e-konsultasjon" element={<StaffEconsultQueuePage />} />
        <Route path="ansatt/e-konsultasjon/:id" element={<StaffEconsultCasePage />} />
        <Route path="video/test" element={<VideoTestPage />} />
        <Route path="video/join" element={<VideoJoinPage />} />
        <Route path="video/guest" element={<VideoGuestPage />} />
        <Route path="ansatt/video/:appointmentId" element={<ClinicianVideoPage />} />
        <Route path="ansatt/timer/:appointmentId/journal" element={<AppointmentNotePage />} />
        <Route path="ansatt/resepter" element={<StaffRenewalsPage />} />
        <Route path="ansatt/okonomi" element={<ClinicMoneyPage />} />
        <Route path="ansatt/statistikk" element={<StatisticsPage />} />
        <Route path="innboks" element={<InboxPage />} />
        <Route path="innboks/ny" element={<NewMessagePage />} />
        <Route path="innboks/:id" element={<ThreadPage />} />
        <Route path="ansatt/innboks" element={<StaffInboxPage />} />
        <Route path="ansatt/innboks/:id" element={<StaffThreadPage />} />
        <Route path="fastlege" element={<MyGpPage />} />
        <Route path="vaksine" element={<VaccinationPage />} />
        <Route path="ansatt/vaksine" element={<StaffVaccinationPage />} />
        <Route path="min-side/samtykker" element={<ConsentsPage />} />
        <Route path="min-side/mine-data" element={<MyDataPage />} />
        <Route path="min-side/slett-konto" element={<DeleteAccountPage />} />
        <Route path="fastlege/bytt" element={<FindGpPage />} />
        <Route path="ansatt/fastlegeliste" element={<GpListsPage />} />
        <Route path="ansatt/journaloverforing" element={<JournalTransfersPage />} />
        <Route path="dev/outbox" element={<OutboxPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
