// "/ansatt/statistikk" (Statistikk): the clinic admin's weekly figures as charts, each with a table to open. Built from
// anonymous counts kept after the communication is deleted. Other staff are told the page is for clinic admins.
import { Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useLanguage, useT, type MessageKey } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useStaffHome } from '../staff/staff-api.ts';
import type { StaffHome } from '../staff/types.ts';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { localDate } from '../../shared/time.ts';
import { Chart, type ChartProps } from './chart.tsx';
import { useClinicStatistics, type WeekStats } from './stats-api.ts';
import './stats.css';

const PERIODS = [4, 8, 13, 26] as const;

/** The Monday `weeks - 1` weeks before the week of `day` (YYYY-MM-DD). */
export function firstMonday(day: string, weeks: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = ((d.getUTCDay() + 6) % 7) + 7 * (weeks - 1);
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

export function StatisticsPage() {
  const t = useT();
  const home = useStaffHome(useIsStaff());
  return (
    <Page title={t('stats.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(data) => <ClinicStatisticsView home={data} />}
          </QueryState>
        )}
      </RequireSession>
      <Paragraph>
        <AppLink to="/ansatt">{t('stats.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function ClinicStatisticsView({ home }: { home: StaffHome }) {
  const t = useT();
  const [weeks, setWeeks] = useState<(typeof PERIODS)[number]>(8);
  const name = useId();
  if (!home.roles.includes('clinic_admin')) return <Paragraph>{t('stats.adminsOnly')}</Paragraph>;
  const today = localDate(new Date());
  return (
    <>
      <Paragraph>{t('stats.intro', { clinic: home.clinic.name })}</Paragraph>
      <Fieldset className="nl-stats-period">
        <Fieldset.Legend>{t('stats.period')}</Fieldset.Legend>
        {PERIODS.map((n) => (
          <Radio key={n} name={name} value={String(n)} label={t('stats.weeks', { count: n })} checked={weeks === n} onChange={() => setWeeks(n)} />
        ))}
      </Fieldset>
      <Figures clinicId={home.clinic.id} from={firstMonday(today, weeks)} to={today} />
    </>
  );
}

function Figures({ clinicId, from, to }: { clinicId: string; from: string; to: string }) {
  const query = useClinicStatistics(clinicId, from, to);
  return (
    <QueryState query={query} loginKind="staff">
      {(data) => <Charts weeks={data.weeks} />}
    </QueryState>
  );
}

function Charts({ weeks }: { weeks: WeekStats[] }) {
  const t = useT();
  const { language } = useLanguage();
  const locale = LOCALES[language];
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const count = (v: number) => number.format(v);
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekNumber = (w: WeekStats) => String(Number(w.week.slice(-2)));
  const axis = { categories: weeks.map(weekNumber), categoryNames: weeks.map((w) => t('stats.weekName', { week: weekNumber(w), date: dayMonth.format(new Date(`${w.monday}T00:00:00Z`)) })) };
  const charts: Array<{ title: MessageKey; kind: ChartProps['kind']; format: (v: number) => string; series: Array<[MessageKey, (w: WeekStats) => number | null]> }> = [
    {
      title: 'stats.bookings.title',
      kind: 'stacked',
      format: count,
      series: [
        ['stats.bookings.clinic', (w) => w.bookings.clinic],
        ['stats.bookings.video', (w) => w.bookings.video],
        ['stats.bookings.phone', (w) => w.bookings.phone],
        ['stats.bookings.econsult', (w) => w.econsultSubmitted],
      ],
    },
    { title: 'stats.noShow.title', kind: 'line', format: percent, series: [['stats.noShow.rate', (w) => w.noShowRate]] },
    {
      title: 'stats.dropin.title',
      kind: 'line',
      format: count,
      series: [
        ['stats.dropin.p50', (w) => w.dropinWaitP50],
        ['stats.dropin.p90', (w) => w.dropinWaitP90],
      ],
    },
    {
      title: 'stats.econsult.title',
      kind: 'bars',
      format: count,
      series: [
        ['stats.econsult.due', (w) => w.econsultDueSameDay],
        ['stats.econsult.answered', (w) => w.econsultAnsweredSameDay],
      ],
    },
    {
      title: 'stats.video.title',
      kind: 'bars',
      format: count,
      series: [
        ['stats.video.started', (w) => w.videoStarted],
        ['stats.video.completed', (w) => w.videoCompleted],
      ],
    },
    { title: 'stats.messages.title', kind: 'line', format: count, series: [['stats.messages.median', (w) => w.messageAnswerMedianHours]] },
  ];

  return (
    <div className="nl-charts">
      {charts.map((c) => (
        <Chart key={c.title} title={t(c.title)} kind={c.kind} format={c.format} {...axis} series={c.series.map(([label, pick]) => ({ label: t(label), values: weeks.map(pick) }))} />
      ))}
    </div>
  );
}
