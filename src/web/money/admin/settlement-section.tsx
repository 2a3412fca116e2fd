// "Oppgjør": the clinic's settlement for a period (this month so far unless changed), per day or month: each row in
// words with its count and amount, the money taken (less refunds) in total, and the same as a CSV for the accountant.
import { Fieldset, Heading, Link, Paragraph, Radio, Table, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useLanguage, useT } from '../../i18n/index.tsx';
import { LOCALES } from '../../i18n/languages.ts';
import { Facts } from '../../platform/facts.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { localDate } from '../../../shared/time.ts';
import { useMoney } from '../money-format.ts';
import { settlementPath, useSettlement, type Settlement, type SettlementQuestion } from './admin-api.ts';
import { periodText, rowText, totals } from './settlement-text.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function SettlementSection({ clinicId, clinicName }: { clinicId: string; clinicName: string }) {
  const t = useT();
  const today = localDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<SettlementQuestion['by']>('day');
  const byName = useId();
  const headingId = useId();
  const problems = {
    from: DATE.test(from) ? undefined : t('moneyAdmin.settlement.dateMissing'),
    to: !DATE.test(to) ? t('moneyAdmin.settlement.dateMissing') : DATE.test(from) && to < from ? t('moneyAdmin.settlement.order') : undefined,
  };
  const valid = !problems.from && !problems.to;
  const question: SettlementQuestion = { clinicId, from, to, by };
  const settlement = useSettlement(question, valid);

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('moneyAdmin.settlement.title')}
      </Heading>
      <Paragraph>{t('moneyAdmin.settlement.intro', { clinic: clinicName })}</Paragraph>
      {/* The figures follow the fields as they change; there is nothing to send. */}
      <div className="nl-form nl-settlement-period">
        <Textfield type="date" label={t('moneyAdmin.settlement.from')} value={from} onChange={(e) => setFrom(e.target.value)} error={problems.from} />
        <Textfield type="date" label={t('moneyAdmin.settlement.to')} value={to} onChange={(e) => setTo(e.target.value)} error={problems.to} />
        <Fieldset>
          <Fieldset.Legend>{t('moneyAdmin.settlement.by')}</Fieldset.Legend>
          <Radio name={byName} value="day" label={t('moneyAdmin.settlement.byDay')} checked={by === 'day'} onChange={() => setBy('day')} />
          <Radio name={byName} value="month" label={t('moneyAdmin.settlement.byMonth')} checked={by === 'month'} onChange={() => setBy('month')} />
        </Fieldset>
      </div>
      {valid && (
        <QueryState query={settlement} loginKind="staff">
          {(data) => <SettlementFigures settlement={data} csv={settlementPath(question, 'csv')} />}
        </QueryState>
      )}
    </section>
  );
}

function SettlementFigures({ settlement, csv }: { settlement: Settlement; csv: string }) {
  const t = useT();
  const { language } = useLanguage();
  const money = useMoney();
  const headingId = useId();
  const sum = totals(settlement.rows);
  const range = { from: periodText(settlement.from, LOCALES[language]), to: periodText(settlement.to, LOCALES[language]) };
  return (
    <div className="nl-section">
      <Heading level={3} data-size="xs" id={headingId}>
        {t(settlement.by === 'day' ? 'moneyAdmin.settlement.rowsByDay' : 'moneyAdmin.settlement.rowsByMonth')}
      </Heading>
      {/* A short sentence, not the table, is what a screen reader hears when the figures change. */}
      <Paragraph role="status">
        {settlement.rows.length === 0 ? t('moneyAdmin.settlement.empty', range) : t('moneyAdmin.settlement.summary', { ...range, amount: money(sum.netOre) })}
      </Paragraph>
      {settlement.rows.length > 0 && (
        <>
          <Facts
            items={[
              [t('moneyAdmin.settlement.totalCard'), money(sum.cardOre)],
              [t('moneyAdmin.settlement.totalDesk'), money(sum.deskOre)],
              [t('moneyAdmin.settlement.totalRefunded'), money(sum.refundedOre)],
              [t('moneyAdmin.settlement.totalOpen'), money(sum.openOre)],
            ]}
          />
          {/* Wider than a phone: the table scrolls inside its own focusable, named region, never the whole page. */}
          <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <Table zebra data-size="sm" className="nl-money-table" aria-labelledby={headingId}>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('moneyAdmin.settlement.period')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('moneyAdmin.settlement.what')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="nl-amount">
                    {t('moneyAdmin.settlement.count')}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="nl-amount">
                    {t('moneyAdmin.settlement.amount')}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {settlement.rows.map((row) => (
                  <Table.Row key={`${row.period}:${row.kind}:${row.method}:${row.provider}`}>
                    <Table.Cell className="nl-period">{periodText(row.period, LOCALES[language], 'medium')}</Table.Cell>
                    <Table.Cell>{rowText(row, t)}</Table.Cell>
                    <Table.Cell className="nl-amount">{row.count}</Table.Cell>
                    <Table.Cell className="nl-amount">{money(row.amountOre)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
      <Paragraph>
        <Link href={csv} download>
          {t('moneyAdmin.settlement.csv')}
        </Link>{' '}
        <span className="nl-muted">{t('moneyAdmin.settlement.csvHint')}</span>
      </Paragraph>
    </div>
  );
}
