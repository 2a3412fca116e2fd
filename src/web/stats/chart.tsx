// One chart of weekly figures as inline SVG (bars side by side, stacked bars or lines), drawn to the width it is given:
// a titled figure whose picture has a spoken summary, a legend in words, and the same figures as a table on request.
import { Details, Heading, Table } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';

export interface Series {
  label: string;
  /** One value per category; null where there is none (a line breaks there). */
  values: Array<number | null>;
}

export interface ChartProps {
  title: string;
  kind: 'bars' | 'stacked' | 'line';
  /** Short labels under the axis (week numbers). */
  categories: string[];
  /** The same categories in full, for the table and the summary. */
  categoryNames: string[];
  series: Series[];
  format: (value: number) => string;
}

/** Colours with at least 3:1 contrast against white, told apart by the legend and, for lines, by their dashes. */
const COLOURS = ['#1f5fa8', '#a34d00', '#2b7a2f', '#7b2d8e'];
const DASHES = [undefined, '5 3', '2 2', '8 3 2 3'];
const W = 320;
const H = 180;
const LEFT = 40;
const RIGHT = 6;
const TOP = 8;
const BOTTOM = 20;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

/** 1, 2 or 5 times a power of ten, at least `max` (1 for an empty chart). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export function Chart({ title, kind, categories, categoryNames, series, format }: ChartProps) {
  const t = useT();
  const titleId = useId();
  const tableId = useId();
  const n = categories.length;
  const totals = categories.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const all = kind === 'stacked' ? totals : series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = niceMax(Math.max(0, ...all));
  const y = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  const band = PLOT_W / Math.max(1, n);
  const x = (i: number) => LEFT + band * i + band / 2;
  const every = Math.ceil(n / 9);
  const last = n - 1;
  const summary = t('stats.chart.summary', {
    title,
    weeks: n,
    week: categoryNames[last] ?? '',
    values: series.map((s) => `${s.label}: ${s.values[last] == null ? t('stats.none') : format(s.values[last]!)}`).join('; '),
  });

  return (
    <figure className="nl-chart" aria-labelledby={titleId}>
      <figcaption>
        <Heading level={3} data-size="xs" id={titleId}>
          {title}
        </Heading>
      </figcaption>
      <svg className="nl-chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} focusable="false">
        {[0, top / 2, top].map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} className="nl-chart-grid" />
            <text x={LEFT - 4} y={y(v) + 3} textAnchor="end" className="nl-chart-label">
              {format(v)}
            </text>
          </g>
        ))}
        {categories.map((c, i) =>
          i % every === 0 || i === last ? (
            <text key={c + i} x={x(i)} y={H - 6} textAnchor="middle" className="nl-chart-label">
              {c}
            </text>
          ) : null,
        )}
        {kind === 'line' ? <Lines series={series} x={x} y={y} /> : <Bars series={series} stacked={kind === 'stacked'} band={band} x={x} y={y} />}
      </svg>
      <ul className="nl-chart-legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <svg viewBox="0 0 16 10" aria-hidden="true" focusable="false">
              {kind === 'line' ? (
                <line x1="0" x2="16" y1="5" y2="5" stroke={COLOURS[i]} strokeWidth="2.5" strokeDasharray={DASHES[i]} />
              ) : (
                <rect width="16" height="10" fill={COLOURS[i]} />
              )}
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <Details>
        <Details.Summary>{t('stats.showTable')}</Details.Summary>
        <Details.Content>
          <div className="nl-table-scroll" role="region" aria-labelledby={tableId} tabIndex={0}>
            <Table zebra data-size="sm" className="nl-stats-table">
              <caption id={tableId}>{title}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('stats.week')}</Table.HeaderCell>
                  {series.map((s) => (
                    <Table.HeaderCell scope="col" key={s.label} className="nl-amount">
                      {s.label}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {categoryNames.map((name, i) => (
                  <Table.Row key={name}>
                    <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                    {series.map((s) => (
                      <Table.Cell key={s.label} className="nl-amount">
                        {s.values[i] == null ? t('stats.none') : format(s.values[i]!)}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </Details.Content>
      </Details>
    </figure>
  );
}

type Scale = (v: number) => number;

function Bars({ series, stacked, band, x, y }: { series: Series[]; stacked: boolean; band: number; x: Scale; y: Scale }) {
  const group = band * 0.7;
  const width = stacked ? group : group / series.length;
  const count = series[0]?.values.length ?? 0;
  return (
    <g>
      {Array.from({ length: count }, (_, i) => {
        let base = 0;
        return series.map((s, k) => {
          const v = s.values[i] ?? 0;
          const left = stacked ? x(i) - group / 2 : x(i) - group / 2 + k * width;
          const from = stacked ? base : 0;
          base += v;
          if (v <= 0) return null;
          return <rect key={`${i}:${k}`} x={left} width={Math.max(1, width - (stacked ? 0 : 1))} y={y(from + v)} height={y(from) - y(from + v)} fill={COLOURS[k]} />;
        });
      })}
    </g>
  );
}

function Lines({ series, x, y }: { series: Series[]; x: Scale; y: Scale }) {
  return (
    <g>
      {series.map((s, k) => {
        // A gap (no value) breaks the line rather than drawing it down to zero.
        const d = s.values.map((v, i) => (v === null ? '' : `${i === 0 || s.values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)).join(' ');
        return (
          <g key={s.label}>
            <path d={d} fill="none" stroke={COLOURS[k]} strokeWidth="2" strokeDasharray={DASHES[k]} />
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2.5" fill={COLOURS[k]} />))}
          </g>
        );
      })}
    </g>
  );
}
