// "Forsikringskrav": the visits of a month billed to patients' insurers, with insurer and policy number, to send to
// each insurer; the same as a CSV for the accountant.
import { Heading, Link, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { localDate } from '../../../shared/time.ts';
import { useMoney } from '../money-format.ts';
import { insuranceClaimsPath, useInsuranceClaims } from './admin-api.ts';

const MONTH = /^\d{4}-\d{2}$/;

export function InsuranceClaimsSection({ clinicId }: { clinicId: string }) {
  const t = useT();
  const money = useMoney();
  const headingId = useId();
  const [month, setMonth] = useState(localDate(new Date()).slice(0, 7));
  const valid = MONTH.test(month);
  const claims = useInsuranceClaims(clinicId, month, valid);
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('moneyAdmin.insurance.title')}
      </Heading>
      <Paragraph>{t('moneyAdmin.insurance.intro')}</Paragraph>
      <div className="nl-form">
        <Textfield type="month" label={t('moneyAdmin.insurance.month')} value={month} onChange={(e) => setMonth(e.target.value)} error={valid ? undefined : t('moneyAdmin.insurance.monthMissing')} />
      </div>
      {valid && (
        <QueryState query={claims} loginKind="staff">
          {(list) => (
            <>
              <Paragraph role="status">{list.length === 0 ? t('moneyAdmin.insurance.none') : t('moneyAdmin.insurance.count', { count: list.length, amount: money(list.reduce((sum, c) => sum + c.amountOre, 0)) })}</Paragraph>
              {list.length > 0 && (
                <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
                  <Table>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>{t('moneyAdmin.insurance.date')}</Table.HeaderCell>
                        <Table.HeaderCell>{t('moneyAdmin.insurance.patient')}</Table.HeaderCell>
                        <Table.HeaderCell>{t('moneyAdmin.insurance.insurer')}</Table.HeaderCell>
                        <Table.HeaderCell>{t('moneyAdmin.insurance.policy')}</Table.HeaderCell>
                        <Table.HeaderCell>{t('moneyAdmin.insurance.amount')}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {list.map((c) => (
                        <Table.Row key={c.appointmentId}>
                          <Table.Cell>{c.date}</Table.Cell>
                          <Table.Cell>{c.patientName}</Table.Cell>
                          <Table.Cell>{c.insurer}</Table.Cell>
                          <Table.Cell>{c.policyNumber}</Table.Cell>
                          <Table.Cell>{money(c.amountOre)}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </div>
              )}
              <Paragraph>
                <Link href={insuranceClaimsPath(clinicId, month, 'csv')} download>
                  {t('moneyAdmin.insurance.csv')}
                </Link>
              </Paragraph>
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
