// "/min-side/tilgangslogg": who has looked at or changed the patient's information, newest first.
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { useAccessLog } from './me.ts';
import { RequireSession } from './require-session.tsx';
import type { AccessLogEntry } from './types.ts';

export function AccessLogPage() {
  const t = useT();
  return (
    <Page title={t('accessLog.title')}>
      <Paragraph>{t('accessLog.intro')}</Paragraph>
      <RequireSession kind="patient">{() => <AccessLog />}</RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('accessLog.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function AccessLog() {
  const query = useAccessLog();
  return (
    <QueryState query={query} loginKind="patient">
      {({ entries }) => <AccessLogTable entries={entries} />}
    </QueryState>
  );
}

function AccessLogTable({ entries }: { entries: AccessLogEntry[] }) {
  const t = useT();
  const format = useFormat();
  const headingId = useId();
  if (entries.length === 0) return <Paragraph>{t('accessLog.empty')}</Paragraph>;
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <>
      <Heading level={2} data-size="xs" id={headingId}>
        {t('accessLog.caption')}
      </Heading>
      {/* Wider than a phone: the table scrolls inside its own focusable region, never the whole page. */}
      <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <Table zebra aria-labelledby={headingId}>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('accessLog.at')}</Table.HeaderCell>
              <Table.HeaderCell>{t('accessLog.actor')}</Table.HeaderCell>
              <Table.HeaderCell>{t('accessLog.clinic')}</Table.HeaderCell>
              <Table.HeaderCell>{t('accessLog.action')}</Table.HeaderCell>
              <Table.HeaderCell>{t('accessLog.reason')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {newestFirst.map((entry, index) => (
              <Table.Row key={`${entry.at}-${index}`}>
                <Table.Cell>
                  <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                </Table.Cell>
                <Table.Cell>{actor(entry, t)}</Table.Cell>
                <Table.Cell>{entry.clinicName ?? '–'}</Table.Cell>
                <Table.Cell>{entry.action}</Table.Cell>
                <Table.Cell>{entry.reason}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </>
  );
}

function actor(entry: AccessLogEntry, t: Translate): string {
  const kind = t(`actorKind.${entry.actorKind}`);
  if (entry.actorKind === 'self' || entry.actorKind === 'system') return kind;
  return `${displayName(entry.actorName, t)} (${kind})`;
}
