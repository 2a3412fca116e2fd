// "/min-side": the patient's home: links to booking, drop-in and e-consultation, who the page is about, GP, clinic and its services, children, contact details.
import { useOffersDropin } from '../dropin/dropin-clinics.ts';
import { useOffersEconsult } from '../econsult/econsult-clinics.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { AboutSubject } from './about-subject.tsx';
import { ChildrenSection } from './children-section.tsx';
import { ClinicSection } from './clinic-section.tsx';
import { ContactForm } from './contact-form.tsx';
import { GpSection } from './gp-section.tsx';
import { useMe } from './me.ts';
import { RequireSession } from './require-session.tsx';

export function MinSidePage() {
  const t = useT();
  return (
    <Page title={t('minSide.title')}>
      <RequireSession kind="patient">{() => <MinSide />}</RequireSession>
    </Page>
  );
}

function MinSide() {
  const t = useT();
  const me = useMe();
  const dropin = useOffersDropin();
  const econsult = useOffersEconsult();
  return (
    <QueryState query={me} loginKind="patient">
      {(data) => (
        <>
          <nav aria-label={t('minSide.bookingNav')} className="nl-actions">
            <AppLink to="/timebestilling">{t('nav.booking')}</AppLink>
            <AppLink to="/timer">{t('nav.appointments')}</AppLink>
            {dropin && <AppLink to="/drop-in">{t('nav.dropin')}</AppLink>}
            {econsult && <AppLink to="/e-konsultasjon">{t('nav.econsult')}</AppLink>}
            {econsult && <AppLink to="/e-konsultasjon/saker">{t('econsult.myCases.link')}</AppLink>}
            <AppLink to="/vaksine">{t('vaccination.link')}</AppLink>
            <AppLink to="/video/test">{t('video.card.test')}</AppLink>
          </nav>
          <AboutSubject me={data} />
          <GpSection me={data} />
          <ClinicSection clinic={data.clinic} />
          <ChildrenSection me={data} />
          <ContactForm key={data.person.id} me={data} />
          <nav aria-label={t('journal.title')} className="nl-actions">
            <AppLink to="/innboks">{t('messages.link')}</AppLink>
            <AppLink to="/min-side/journal">{t('journal.link')}</AppLink>
            <AppLink to="/min-side/resepter">{t('prescriptions.link')}</AppLink>
            <AppLink to="/min-side/egenandeler">{t('money.copayments.link')}</AppLink>
            <AppLink to="/min-side/tilgangslogg">{t('accessLog.link')}</AppLink>
            <AppLink to="/min-side/samtykker">{t('consents.link')}</AppLink>
            <AppLink to="/min-side/mine-data">{t('export.link')}</AppLink>
            <AppLink to="/min-side/slett-konto">{t('account.link')}</AppLink>
          </nav>
        </>
      )}
    </QueryState>
  );
}
