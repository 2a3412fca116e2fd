// The weekly rules read-only (reception): one line per block, Monday first.
import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import type { Rule } from './types.ts';
import { useWeekdayNames } from './weekday-names.ts';

export function byWeekdayAndStart(a: Pick<Rule, 'weekday' | 'startTime'>, b: Pick<Rule, 'weekday' | 'startTime'>): number {
  return a.weekday - b.weekday || a.startTime.localeCompare(b.startTime);
}

export function RulesView({ rules }: { rules: Rule[] }) {
  const t = useT();
  const weekday = useWeekdayNames();
  if (rules.length === 0) return <Paragraph>{t('schedule.noRules')}</Paragraph>;
  return (
    <ul className="nl-patient-list">
      {[...rules].sort(byWeekdayAndStart).map((r) => (
        <li key={r.id}>
          {/* Spaces between the parts, so a screen reader does not run "Mandag08:00" together. */}
          <strong>{weekday(r.weekday)}</strong>{' '}
          <span>{`${r.startTime}–${r.endTime}`}</span>{' '}
          {r.breakStart && r.breakEnd && <span>{t('schedule.breakSummary', { from: r.breakStart, to: r.breakEnd })}</span>}{' '}
          <span className="nl-muted">
            {r.visitTypes.map((v) => t(`booking.visitType.${v}`)).join(', ')} · {t('schedule.slotSummary', { minutes: r.slotMinutes })}
            {r.bufferMinutes > 0 && ` · ${t('schedule.bufferSummary', { minutes: r.bufferMinutes })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
