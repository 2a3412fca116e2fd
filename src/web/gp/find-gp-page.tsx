// "/fastlege/bytt" (Finn og bytt fastlege): search GPs by municipality and name, choose one, confirm in the card, and be
// told the outcome (a new GP, or a place on the waiting list) with each child that moved along. A parent acting for a
// child switches the child's GP.
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { useMe } from '../identity/me.ts';
import { RequireSession, type LoggedIn } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useGpSearch, useMyGp, type GpFilters, type GpSummary, type MyGp, type SwitchResult } from './gp-api.ts';
import { GpCard } from './gp-card.tsx';
import { GpSearchForm } from './gp-search-form.tsx';
import { useGpWords } from './gp-words.ts';
import { SwitchDone } from './switch-done.tsx';
import type { Mover } from './switch-panel.tsx';
import './gp.css';

/** From 16 a young person chooses their own GP; younger children may move along with the parent. */
const CHOOSES_ALONE_FROM = 16;

export function FindGpPage() {
  const t = useT();
  return (
    <Page title={t('gp.find.title')}>
      <RequireSession kind="patient">{(session) => <FindGp key={session.actingFor?.id ?? session.person.id} session={session} />}</RequireSession>
      <Paragraph>
        <AppLink to="/fastlege">{t('gp.find.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function FindGp({ session }: { session: LoggedIn }) {
  const t = useT();
  const patientId = session.actingFor?.id ?? session.person.id;
  const mine = useMyGp(patientId);
  return (
    <>
      {session.actingFor && <Paragraph>{t('gp.find.actingFor', { name: displayName(session.actingFor.name, t) })}</Paragraph>}
      <QueryState query={mine} loginKind="patient">
        {(data) => <Finder mine={data} child={session.actingFor ? displayName(data.patientName, t) : null} />}
      </QueryState>
    </>
  );
}

function Finder({ mine, child }: { mine: MyGp; child: string | null }) {
  const t = useT();
  const words = useGpWords();
  const [filters, setFilters] = useState<GpFilters>({ municipality: '', name: '' });
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: SwitchResult; gp: GpSummary } | null>(null);
  const search = useGpSearch(filters);
  const movers = useMovers(child === null);
  const headingId = useId();

  function choose(practitionerId: string | null) {
    if (practitionerId) setDone(null);
    setChosen(practitionerId);
  }

  return (
    <>
      <Paragraph>{t('gp.find.intro')}</Paragraph>
      {!mine.mayChoose && (
        <Alert data-color="info">
          <Paragraph>{t('gp.switches.choosesAlone', { name: child ?? displayName(mine.patientName, t) })}</Paragraph>
        </Alert>
      )}
      {done && <SwitchDone result={done.result} gp={done.gp} child={child} movers={movers} />}
      <GpSearchForm municipalities={search.data?.municipalities ?? []} busy={search.isFetching} onSearch={setFilters} />
      <section className="nl-section" aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId}>
          {t('gp.find.resultsHeading')}
        </Heading>
        <QueryState query={search} loginKind="patient">
          {(result) => (
            <>
              <Paragraph role="status">{result.gps.length === 0 ? t('gp.find.noResults') : words.plural(result.gps.length, 'gp.find.count.one', 'gp.find.count.other')}</Paragraph>
              {result.gps.length > 0 && (
                <ul className="nl-card-list nl-gp-results" aria-labelledby={headingId}>
                  {result.gps.map((gp) => (
                    <GpCard
                      key={gp.practitionerId}
                      gp={gp}
                      mine={mine}
                      child={child}
                      movers={movers}
                      open={chosen === gp.practitionerId}
                      onOpen={() => choose(gp.practitionerId)}
                      onClose={() => choose(null)}
                      onDone={(r) => {
                        setChosen(null);
                        setDone({ result: r, gp });
                      }}
                    />
                  ))}
                </ul>
              )}
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

/** The parent's children under 16 who may move along (none while acting for a child). */
function useMovers(enabled: boolean): Mover[] {
  const t = useT();
  const me = useMe();
  if (!enabled || !me.data) return [];
  const parentGp = me.data.gp?.practitionerId ?? null;
  return me.data.children
    .filter((c) => c.canActFor && c.age < CHOOSES_ALONE_FROM)
    .map((c) => ({ id: c.id, name: displayName(c.name, t), followsParent: !c.gp || c.gp.practitionerId === parentGp }));
}
