// "/ansatt/fastlegeliste" (Fastlegelister): the clinic admin's view of the office's GP lists: an overview table (list
// size, ceiling, waiting list), then per GP the ceiling form and, on request, who is on the list and who waits.
import { Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { displayName } from '../../identity/display-name.ts';
import { RequireSession } from '../../identity/require-session.tsx';
import { AppLink } from '../../platform/app-link.tsx';
import { Page } from '../../platform/page.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { useStaffHome } from '../../staff/staff-api.ts';
import { useIsStaff } from '../../staff/use-is-staff.ts';
import { useT } from '../../i18n/index.tsx';
import { useAdminGpLists, type AdminGpList } from '../gp-api.ts';
import { useGpWords } from '../gp-words.ts';
import { GpListSection } from './gp-list-section.tsx';
import '../gp.css';

export function GpListsPage() {
  const t = useT();
  const staff = useIsStaff();
  const home = useStaffHome(staff);
  const admin = home.data?.roles.includes('clinic_admin') ?? false;
  const lists = useAdminGpLists(staff && admin);
  return (
    <Page title={t('gp.admin.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {() =>
              admin ? (
                <QueryState query={lists} loginKind="staff">
                  {(data) => <Lists lists={data} />}
                </QueryState>
              ) : (
                <Paragraph>{t('gp.admin.adminsOnly')}</Paragraph>
              )
            }
          </QueryState>
        )}
      </RequireSession>
      <Paragraph>
        <AppLink to="/ansatt">{t('gp.staff.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function Lists({ lists }: { lists: AdminGpList[] }) {
  const t = useT();
  const words = useGpWords();
  const headingId = useId();
  if (lists.length === 0) return <Paragraph>{t('gp.admin.none')}</Paragraph>;
  return (
    <>
      <Paragraph>{t('gp.admin.intro')}</Paragraph>
      <section className="nl-section">
        <Heading level={2} data-size="sm" id={headingId}>
          {t('gp.admin.overview')}
        </Heading>
        {/* Wider than a phone: the table scrolls inside its own focusable, named region, never the whole page. */}
        <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table zebra data-size="sm" className="nl-gp-table" aria-labelledby={headingId}>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('gp.admin.col.gp')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.admin.col.size')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.admin.col.ceiling')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.admin.col.waiting')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {lists.map((list) => (
                <Table.Row key={list.practitionerId}>
                  <Table.HeaderCell scope="row">
                    {displayName(list.name, t)}
                    {list.status === 'quit' && (
                      <>
                        {' '}
                        <Tag data-color="neutral" data-size="sm">
                          {t('gp.find.quit')}
                        </Tag>
                      </>
                    )}
                  </Table.HeaderCell>
                  <Table.Cell>{words.count(list.listSize)}</Table.Cell>
                  <Table.Cell>{words.count(list.ceiling)}</Table.Cell>
                  <Table.Cell>{words.count(list.waitingCount)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
      {lists.map((list) => (
        <GpListSection key={list.practitionerId} list={list} />
      ))}
    </>
  );
}
