// "Egenandelssatser": the national co-payment (egenandel) per period and service, day and evening, and the yearly
// ceiling (egenandelstak), each figure with where it was read; the forms below them add or correct one.
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { useMoney } from '../money-format.ts';
import { SERVICES, TIMES, useCopaymentFigures, type CeilingRow, type TariffRow } from './admin-api.ts';
import { CeilingForm } from './ceiling-form.tsx';
import { TariffForm } from './tariff-form.tsx';

export function CopaymentFiguresSection() {
  const t = useT();
  const figures = useCopaymentFigures(true);
  return (
    <section className="nl-section">
      <Heading level={2} data-size="sm">
        {t('moneyAdmin.tariff.title')}
      </Heading>
      <Paragraph>{t('moneyAdmin.tariff.intro')}</Paragraph>
      <QueryState query={figures} loginKind="staff">
        {(data) => (
          <>
            <TariffPeriods tariff={data.tariff} />
            <Ceilings ceilings={data.ceilings} />
          </>
        )}
      </QueryState>
      <TariffForm />
      <CeilingForm />
    </section>
  );
}

/** One table per period, the newest (or coming) period first; services in the form's order, day before evening. */
function TariffPeriods({ tariff }: { tariff: TariffRow[] }) {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const periods = [...new Set(tariff.map((r) => r.validFrom))].sort().reverse();
  if (periods.length === 0) return <Paragraph>{t('moneyAdmin.tariff.none')}</Paragraph>;
  return periods.map((validFrom) => (
    <FigureTable
      key={validFrom}
      title={t('moneyAdmin.tariff.period', { date: format.date(validFrom) })}
      headings={[t('moneyAdmin.tariff.service'), t('moneyAdmin.tariff.timeOfDay'), t('moneyAdmin.tariff.amount'), t('moneyAdmin.tariff.source')]}
      amountColumn={2}
      rows={tariff
        .filter((r) => r.validFrom === validFrom)
        .sort((a, b) => SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service) || TIMES.indexOf(a.timeOfDay) - TIMES.indexOf(b.timeOfDay))
        .map((r) => ({
          key: `${r.service}:${r.timeOfDay}`,
          cells: [t(`money.service.${r.service}`), t(`moneyAdmin.time.${r.timeOfDay}`), money(r.amountOre), r.source],
        }))}
    />
  ));
}

function Ceilings({ ceilings }: { ceilings: CeilingRow[] }) {
  const t = useT();
  const money = useMoney();
  if (ceilings.length === 0) return <Paragraph>{t('moneyAdmin.ceilings.none')}</Paragraph>;
  return (
    <FigureTable
      title={t('moneyAdmin.ceilings.title')}
      headings={[t('moneyAdmin.ceilings.year'), t('moneyAdmin.tariff.amount'), t('moneyAdmin.tariff.source')]}
      amountColumn={1}
      rows={[...ceilings].reverse().map((c) => ({ key: String(c.year), cells: [String(c.year), money(c.amountOre), c.source] }))}
    />
  );
}

interface FigureTableProps {
  title: string;
  headings: string[];
  /** The column of amounts, lined up at its end; the source is the last column. */
  amountColumn: number;
  rows: Array<{ key: string; cells: ReactNode[] }>;
}

function FigureTable({ title, headings, amountColumn, rows }: FigureTableProps) {
  const headingId = useId();
  return (
    <div className="nl-section">
      <Heading level={3} data-size="xs" id={headingId}>
        {title}
      </Heading>
      <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <Table zebra data-size="sm" className="nl-money-table nl-figure-table" aria-labelledby={headingId}>
          <Table.Head>
            <Table.Row>
              {headings.map((h) => (
                <Table.HeaderCell key={h} scope="col">
                  {h}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.key}>
                {row.cells.map((cell, i) => (
                  <Table.Cell key={i} className={i === amountColumn ? 'nl-amount' : undefined}>
                    {cell}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </div>
  );
}
