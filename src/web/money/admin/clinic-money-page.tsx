// "/ansatt/okonomi" (Økonomi): the clinic admin's settlement of the clinic's money and the national co-payment figures
// the prices are computed from. Other staff are told the page is for clinic admins; the server refuses them anyway.
import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../../i18n/index.tsx';
import { RequireSession } from '../../identity/require-session.tsx';
import { AppLink } from '../../platform/app-link.tsx';
import { Page } from '../../platform/page.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { useStaffHome } from '../../staff/staff-api.ts';
import type { StaffHome } from '../../staff/types.ts';
import { useIsStaff } from '../../staff/use-is-staff.ts';
import { CopaymentFiguresSection } from './copayment-figures.tsx';
import { ClinicPricesSection } from './clinic-prices-section.tsx';
import { BankAccountSection } from './bank-account-section.tsx';
import { RefundsSection } from './refunds-section.tsx';
import { InsuranceClaimsSection } from './insurance-claims-section.tsx';
import { SettlementSection } from './settlement-section.tsx';
import './money-admin.css';

export function ClinicMoneyPage() {
  const t = useT();
  const home = useStaffHome(useIsStaff());
  return (
    <Page title={t('moneyAdmin.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(data) => <ClinicMoney home={data} />}
          </QueryState>
        )}
      </RequireSession>
      <Paragraph>
        <AppLink to="/ansatt">{t('moneyAdmin.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function ClinicMoney({ home }: { home: StaffHome }) {
  const t = useT();
  if (!home.roles.includes('clinic_admin')) return <Paragraph>{t('moneyAdmin.adminsOnly')}</Paragraph>;
  return (
    <>
      <SettlementSection clinicId={home.clinic.id} clinicName={home.clinic.name} />
      <RefundsSection />
      <InsuranceClaimsSection clinicId={home.clinic.id} />
      <ClinicPricesSection />
      <BankAccountSection />
      <CopaymentFiguresSection />
    </>
  );
}
