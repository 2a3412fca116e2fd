// For the clinician: the patient's earlier e-consultations at this clinic, and what happened to this case, in order.
import { Paragraph } from '@digdir/designsystemet-react';
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Section } from '../platform/section.tsx';
import { isMessageKey, useT } from '../i18n/index.tsx';
import { isFinal, outcomeOf } from './case-state.ts';
import { useReasonTitles } from './reason-titles.ts';
import type { StaffCaseView } from './types.ts';

export function EarlierCases({ view }: { view: StaffCaseView }) {
  const t = useT();
  const time = useClinicTime(view.clinic.timeZone);
  const titleOf = useReasonTitles();
  return (
    <Section title={t('staffEconsult.earlier.heading')}>
      {view.earlierCases.length === 0 ? (
        <Paragraph>{t('staffEconsult.earlier.none')}</Paragraph>
      ) : (
        <ul className="nl-econsult-events">
          {view.earlierCases.map((c) => {
            const when = c.submittedAt ?? c.closedAt;
            return (
              <li key={c.id}>
                <AppLink to={`/ansatt/e-konsultasjon/${encodeURIComponent(c.id)}`}>{titleOf(c.reasonId)}</AppLink>
                <span className="nl-muted">
                  {when && <> · {time.capitalise(time.dayAndTime(when, true))}</>} · {isFinal(c.status) ? t(`staffEconsult.outcome.${outcomeOf(c)}`) : t(`staffEconsult.status.${c.status}`)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export function CaseHistory({ view }: { view: StaffCaseView }) {
  const t = useT();
  const time = useClinicTime(view.clinic.timeZone);
  return (
    <Section title={t('staffEconsult.history.heading')}>
      <ol className="nl-econsult-events">
        {view.events.map((e, index) => {
          const key = `staffEconsult.event.${e.action}`;
          return (
            <li key={`${e.at}-${index}`}>
              <time dateTime={e.at}>{time.capitalise(time.dayAndTime(e.at))}</time>: {isMessageKey(key) ? t(key) : e.action}
              {e.actorName && <span className="nl-muted"> ({displayName(e.actorName, t)})</span>}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
