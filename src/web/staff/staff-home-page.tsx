// "/ansatt": links to the staff tools, the staff member's clinic, who they are (roles, HPR number) and the clinic's patients.
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { isMessageKey, useT } from '../i18n/index.tsx';
import { useStaffHome } from './staff-api.ts';
import type { StaffHome } from './types.ts';
import { useIsStaff } from './use-is-staff.ts';

export function StaffHomePage() {
  const t = useT();
  const home = useStaffHome(useIsStaff());
  return (
    <Page title={home.data?.clinic.name ?? t('staff.titleFallback')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(data) => <StaffHomeContent home={data} />}
          </QueryState>
        )}
      </RequireSession>
    </Page>
  );
}

function StaffHomeContent({ home }: { home: StaffHome }) {
  const t = useT();
  const format = useFormat();
  const facts: Fact[] = [
    [t('person.name'), displayName(home.person.name, t)],
    [
      t('staff.roles'),
      <span className="nl-tags">
        {home.roles.map((role) => {
          const key = `role.${role}`;
          return (
            <Tag key={role} data-color="neutral">
              {isMessageKey(key) ? t(key) : role}
            </Tag>
          );
        })}
      </span>,
    ],
  ];
  if (home.hprNumber) facts.push([t('staff.hpr'), home.hprNumber]);
  return (
    <>
      <nav aria-label={t('staff.bookingNav')} className="nl-actions">
        <AppLink to="/ansatt/dagsliste">{t('dayList.link')}</AppLink>
        <AppLink to="/ansatt/bestill">{t('staffBooking.link')}</AppLink>
        <AppLink to="/ansatt/foresporsler">{t('requests.link')}</AppLink>
        <AppLink to="/ansatt/timeplan">{t('schedule.link')}</AppLink>
        <AppLink to="/ansatt/drop-in">{t('staffDropin.link')}</AppLink>
        {home.roles.includes('clinician') && <AppLink to="/ansatt/e-konsultasjon">{t('staffEconsult.link')}</AppLink>}
        {home.roles.includes('clinician') && <AppLink to="/ansatt/resepter">{t('staffPrescriptions.link')}</AppLink>}
        <AppLink to="/ansatt/innboks">{t('staffMessages.link')}</AppLink>
        {home.roles.includes('clinic_admin') && <AppLink to="/ansatt/okonomi">{t('moneyAdmin.link')}</AppLink>}
        {home.roles.includes('clinic_admin') && <AppLink to="/ansatt/statistikk">{t('stats.link')}</AppLink>}
        {home.roles.includes('clinic_admin') && <AppLink to="/ansatt/fastlegeliste">{t('gp.admin.link')}</AppLink>}
        <AppLink to="/ansatt/journaloverforing">{t('gp.staffTransfer.link')}</AppLink>
        <AppLink to="/ansatt/vaksine">{t('vaccination.staff.title')}</AppLink>
      </nav>
      <Section title={t('staff.aboutYou')}>
        <Facts items={facts} />
      </Section>
      <Section title={t('staff.patients')}>
        {home.patients.length === 0 ? (
          <Paragraph>{t('staff.noPatients')}</Paragraph>
        ) : (
          <ul className="nl-patient-list">
            {home.patients.map((patient) => (
              <li key={patient.id}>
                <AppLink to={`/ansatt/pasient/${encodeURIComponent(patient.id)}`}>{displayName(patient.name, t)}</AppLink>
                <span className="nl-muted">
                  {patient.maskedNationalId} · {format.age(patient.age)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
