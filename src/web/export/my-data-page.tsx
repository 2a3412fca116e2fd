// "/min-side/mine-data": download everything the installation holds about you (or the child under 12 you act for):
// ask, watch the progress while it is built, then download it as JSON and as a readable PDF — each once, within 7 days.
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { useFormat } from '../i18n/format.ts';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useExports, useRefreshExports, useRequestExport, type ExportView } from './export-api.ts';

export function MyDataPage() {
  const t = useT();
  return (
    <Page title={t('export.title')}>
      <RequireSession kind="patient">
        {(session) => <MyData subjectId={session.actingFor?.id ?? session.person.id} forName={session.actingFor ? displayName(session.actingFor.name, t) : null} />}
      </RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('export.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function MyData({ subjectId, forName }: { subjectId: string; forName: string | null }) {
  const t = useT();
  const exports = useExports(subjectId);
  const ask = useRequestExport();
  const busy = exports.data?.some((e) => e.status === 'queued' || e.status === 'building') ?? false;
  return (
    <>
      <Paragraph>{t('export.intro')}</Paragraph>
      {forName && <Paragraph>{t('export.actingFor', { name: forName })}</Paragraph>}
      <div>
        <Button onClick={() => ask.mutate()} loading={ask.isPending} disabled={busy}>
          {t('export.ask')}
        </Button>
      </div>
      <FormStatus error={ask.isError ? ask.error : null} />
      <QueryState query={exports} loginKind="patient">
        {(list) => (list.length === 0 ? null : <ul className="nl-plain-list">{list.map((e) => <Export key={e.id} e={e} />)}</ul>)}
      </QueryState>
    </>
  );
}

function Export({ e }: { e: ExportView }) {
  const t = useT();
  const format = useFormat();
  const refresh = useRefreshExports();
  const headingId = useId();
  const file = (kind: 'json' | 'pdf') =>
    e[kind] === 'available' ? (
      <Link href={`/api/me/exports/${encodeURIComponent(e.id)}/data.${kind}`} download onClick={() => setTimeout(refresh, 1_000)} aria-describedby={headingId}>
        {t(kind === 'json' ? 'export.json' : 'export.pdf')}
      </Link>
    ) : e[kind] === 'downloaded' ? (
      <span>{t(kind === 'json' ? 'export.jsonTaken' : 'export.pdfTaken')}</span>
    ) : null;
  return (
    <li className="nl-card">
      <Heading level={2} data-size="2xs" id={headingId}>
        {t('export.item', { date: format.dateTime(e.createdAt) })}
      </Heading>
      <div aria-live="polite">
        {(e.status === 'queued' || e.status === 'building') && (
          <>
            <Paragraph>{t('export.building', { progress: e.progress })}</Paragraph>
            <progress max={100} value={e.progress} aria-labelledby={headingId} />
          </>
        )}
        {e.status === 'ready' && <Paragraph>{t('export.ready', { until: format.dateTime(e.expiresAt!) })}</Paragraph>}
        {e.status === 'failed' && <Paragraph>{t('export.failed')}</Paragraph>}
        {e.status === 'expired' && <Paragraph>{t('export.expired')}</Paragraph>}
      </div>
      {e.status === 'ready' && (
        <div className="nl-actions">
          {file('json')}
          {file('pdf')}
        </div>
      )}
    </li>
  );
}
