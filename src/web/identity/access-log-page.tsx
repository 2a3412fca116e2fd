// "/min-side/tilgangslogg" (Hvem har sett opplysningene mine): every access to the patient's information by staff, and
// what a parent did for a child, newest first: who (name, role, clinic), when (Oslo time), what and why, for a period.
import { Alert, Button, Fieldset, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useFormat, type Format } from '../i18n/format.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { RequireSession, type LoggedIn } from './require-session.tsx';
import { isDate, lastTwelveMonths, roleText, useAccessLog, whatText, whoText, whyText, type AccessLog, type Period } from './access-log-api.ts';

export function AccessLogPage() {
  const t = useT();
  return (
    <Page title={t('accessLog.title')}>
      <Paragraph>{t('accessLog.intro')}</Paragraph>
      <RequireSession kind="patient">{(session) => <AccessLogView session={session} />}</RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('accessLog.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function AccessLogView({ session }: { session: LoggedIn }) {
  const t = useT();
  const [period, setPeriod] = useState<Period>(() => lastTwelveMonths());
  const query = useAccessLog(period);
  return (
    <>
      {session.actingFor && <Paragraph>{t('accessLog.actingFor', { name: displayName(session.actingFor.name, t) })}</Paragraph>}
      <PeriodForm initial={period} onApply={setPeriod} />
      <QueryState query={query} loginKind="patient">
        {(log) => <AccessLogTable log={log} />}
      </QueryState>
    </>
  );
}

/** "Fra" and "Til" (both days included); applied with the button, so the table does not change under a half-typed date. */
function PeriodForm({ initial, onApply }: { initial: Period; onApply: (period: Period) => void }) {
  const t = useT();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [checked, setChecked] = useState(false);
  const fromError = from && !isDate(from) ? t('accessLog.dateInvalid') : undefined;
  const toError = to && !isDate(to) ? t('accessLog.dateInvalid') : from && to && !fromError && from > to ? t('accessLog.periodOrder') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (fromError || toError) return;
    onApply({ from, to });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Fieldset>
        <Fieldset.Legend>{t('accessLog.period')}</Fieldset.Legend>
        <Textfield type="date" label={t('accessLog.from')} value={from} onChange={(event) => setFrom(event.target.value)} error={checked ? fromError : undefined} />
        <Textfield type="date" label={t('accessLog.to')} value={to} onChange={(event) => setTo(event.target.value)} error={checked ? toError : undefined} />
      </Fieldset>
      <div>
        <Button type="submit">{t('accessLog.show')}</Button>
      </div>
    </form>
  );
}

function caption(log: AccessLog, t: Translate, format: Format): string {
  if (log.from && log.to) return t('accessLog.captionPeriod', { from: format.date(log.from), to: format.date(log.to) });
  if (log.from) return t('accessLog.captionFrom', { from: format.date(log.from) });
  if (log.to) return t('accessLog.captionTo', { to: format.date(log.to) });
  return t('accessLog.caption');
}

function AccessLogTable({ log }: { log: AccessLog }) {
  const t = useT();
  const format = useFormat();
  const headingId = useId();
  const newestFirst = [...log.entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <>
      {/* The table's caption, outside the scrolling region so that it wraps on a phone; it names the region and the table. */}
      <Heading level={2} data-size="xs" id={headingId}>
        {caption(log, t, format)}
      </Heading>
      {newestFirst.length === 0 ? (
        <Paragraph>{t(log.from || log.to ? 'accessLog.emptyPeriod' : 'accessLog.empty')}</Paragraph>
      ) : (
        <>
          {log.truncated && (
            <Alert data-color="info">
              <Paragraph>{t('accessLog.truncated', { count: log.entries.length })}</Paragraph>
            </Alert>
          )}
          {/* Wider than a phone: the table scrolls inside its own focusable, named region, never the whole page. */}
          <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <Table zebra aria-labelledby={headingId}>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('accessLog.at')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('accessLog.actor')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('accessLog.clinic')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('accessLog.action')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('accessLog.reason')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {newestFirst.map((entry, index) => {
                  const role = roleText(entry, t);
                  return (
                    <Table.Row key={`${entry.at}-${index}`}>
                      <Table.HeaderCell scope="row">
                        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                      </Table.HeaderCell>
                      <Table.Cell>
                        {whoText(entry, t)}
                        {role && (
                          <>
                            <br />
                            <span className="nl-muted">{role}</span>
                          </>
                        )}
                      </Table.Cell>
                      <Table.Cell>{entry.clinicName ?? '–'}</Table.Cell>
                      <Table.Cell>{whatText(entry.action, t)}</Table.Cell>
                      <Table.Cell>{whyText(entry.reason, t)}</Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
    </>
  );
}
