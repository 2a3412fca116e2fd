// "/ansatt/pasient/:id": one patient's summary and health contacts for staff, with the reminder that the lookup is logged.
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { HealthContactsSection } from '../contacts/health-contacts-section.tsx';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { usePatientSummary } from './staff-api.ts';
import type { PatientSummary } from './types.ts';
import { useIsStaff } from './use-is-staff.ts';

export function PatientPage() {
  const t = useT();
  const { id = '' } = useParams();
  const summary = usePatientSummary(id, useIsStaff());
  const title = summary.data ? displayName(summary.data.name, t) : t('staff.patientTitle');
  return (
    <Page title={title}>
      <RequireSession kind="staff">
        {() => (
          <>
            <Alert data-color="info">
              <Paragraph>{t('staff.accessLogged')}</Paragraph>
            </Alert>
            <QueryState query={summary} loginKind="staff">
              {(patient) => (
                <>
                  <Summary patient={patient} />
                  <HealthContactsSection patientId={patient.id} />
                </>
              )}
            </QueryState>
            <Paragraph>
              <AppLink to="/ansatt">{t('staff.backToList')}</AppLink>
            </Paragraph>
          </>
        )}
      </RequireSession>
    </Page>
  );
}

function Summary({ patient }: { patient: PatientSummary }) {
  const t = useT();
  const format = useFormat();
  return (
    <Facts
      items={[
        [t('person.nationalId'), patient.maskedNationalId],
        [t('person.birthDate'), format.date(patient.birthDate)],
        [t('person.age'), format.age(patient.age)],
        [t('person.phone'), patient.phone ?? t('common.notSet')],
        [t('person.email'), patient.email ?? t('common.notSet')],
        [t('staff.gp'), patient.gp ? displayName(patient.gp.name, t) : t('common.notSet')],
      ]}
    />
  );
}
