// "/min-side/egenandeler" (Egenandeler og frikort): a year's co-payments across all clinics here, how far they are from
// the yearly ceiling (egenandelstak) as figures and a progress bar, the frikort with since when, and each payment. A
// parent sees a child's while acting for the child, and only while the child is under 12 (the server refuses later).
import { Alert, Field, Heading, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { isProblemType } from '../api.ts';
import { displayName } from '../identity/display-name.ts';
import { RequireSession, type LoggedIn } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { isMessageKey, useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import { localDate } from '../../shared/time.ts';
import { useCopaymentSummary, type CopaymentSummary } from './money-api.ts';
import { ReceiptsSection } from './receipts-section.tsx';
import { useMoney } from './money-format.ts';
import './money.css';

/** The years offered: this one and the three before it. */
const YEARS_BACK = 3;

export function CopaymentsPage() {
  const t = useT();
  return (
    <Page title={t('money.copayments.title')}>
      <RequireSession kind="patient">
        {(session) => (
          <>
            <Copayments session={session} />
            <ReceiptsSection />
          </>
        )}
      </RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('money.copayments.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function Copayments({ session }: { session: LoggedIn }) {
  const t = useT();
  const thisYear = Number(localDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useCopaymentSummary(session.actingFor?.id ?? session.person.id, year);
  const selectId = useId();
  return (
    <>
      <Paragraph>{t('money.copayments.intro')}</Paragraph>
      {session.actingFor && <Paragraph>{t('money.copayments.actingFor', { name: displayName(session.actingFor.name, t) })}</Paragraph>}
      <Field>
        <Label htmlFor={selectId}>{t('money.copayments.year')}</Label>
        <Select id={selectId} value={String(year)} onChange={(event) => setYear(Number(event.target.value))}>
          {Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i).map((y) => (
            <Select.Option key={y} value={String(y)}>
              {y}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {isProblemType(query.error, 'proxy-limited') ? (
        <Alert data-color="info">
          <Paragraph>{t('money.copayments.proxyLimited')}</Paragraph>
        </Alert>
      ) : (
        <QueryState query={query} loginKind="patient">
          {(summary) => <Summary summary={summary} current={year === thisYear} />}
        </QueryState>
      )}
    </>
  );
}

function Summary({ summary, current }: { summary: CopaymentSummary; current: boolean }) {
  const t = useT();
  const money = useMoney();
  return (
    <>
      <Section title={t('money.copayments.yearHeading', { year: summary.year })}>
        <Facts
          items={[
            [t('money.copayments.paid'), money(summary.paidOre)],
            [t('money.copayments.ceiling'), money(summary.ceilingOre)],
            [t('money.copayments.left'), money(summary.leftOre)],
          ]}
        />
        <CeilingProgress summary={summary} />
      </Section>
      <Section title={t('money.copayments.frikortHeading')}>
        <FrikortStatus summary={summary} current={current} />
      </Section>
      <Payments summary={summary} />
    </>
  );
}

/** The bar with its figures as text: visible under it, and read out as the progressbar's value. */
function CeilingProgress({ summary }: { summary: CopaymentSummary }) {
  const t = useT();
  const { language } = useLanguage();
  const money = useMoney();
  const labelId = useId();
  const { paidOre, ceilingOre } = summary;
  const share = ceilingOre > 0 ? Math.min(1, paidOre / ceilingOre) : 0;
  // Rounded down: 99.7 % is not yet the ceiling.
  const percent = new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(share * 100) / 100);
  const text = t('money.copayments.progressText', { paid: money(paidOre), ceiling: money(ceilingOre), percent });
  return (
    <div className="nl-copayments">
      <Paragraph id={labelId}>{t('money.copayments.progressLabel', { year: summary.year })}</Paragraph>
      <div
        className="nl-ceiling-bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={ceilingOre / 100}
        aria-valuenow={Math.min(paidOre, ceilingOre) / 100}
        aria-valuetext={text}
      >
        <div className="nl-ceiling-bar__fill" style={{ width: `${share * 100}%` }} />
      </div>
      <Paragraph>{text}</Paragraph>
    </div>
  );
}

function FrikortStatus({ summary, current }: { summary: CopaymentSummary; current: boolean }) {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const { frikort } = summary;
  if (!frikort) {
    return <Paragraph>{current ? t('money.copayments.noFrikort', { left: money(summary.leftOre) }) : t('money.copayments.noFrikortPast', { year: summary.year })}</Paragraph>;
  }
  const source = `money.copayments.frikortSource.${frikort.source}`;
  return (
    <Alert data-color="success">
      <Paragraph>{t('money.copayments.frikort', { year: summary.year, date: format.date(frikort.since) })}</Paragraph>
      {isMessageKey(source) && <Paragraph>{t(source)}</Paragraph>}
    </Alert>
  );
}

function Payments({ summary }: { summary: CopaymentSummary }) {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const headingId = useId();
  const serviceText = (service: string) => {
    const key = `money.service.${service}`;
    return isMessageKey(key) ? t(key) : service;
  };
  return (
    <section className="nl-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {t('money.copayments.payments', { year: summary.year })}
      </Heading>
      {summary.payments.length === 0 ? (
        <Paragraph>{t('money.copayments.none', { year: summary.year })}</Paragraph>
      ) : (
        // Wider than a phone: the table scrolls inside its own focusable, named region, never the whole page.
        <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table zebra data-size="sm" className="nl-copayments-table" aria-labelledby={headingId}>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('money.copayments.date')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('money.copayments.where')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('money.copayments.amount')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {summary.payments.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>
                    <time dateTime={p.paidAt}>{format.date(p.paidAt)}</time>
                  </Table.Cell>
                  <Table.Cell>
                    {p.clinicName}
                    <br />
                    <span className="nl-muted">{serviceText(p.service)}</span>
                  </Table.Cell>
                  <Table.Cell>{money(p.amountOre)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
