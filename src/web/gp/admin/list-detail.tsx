// Who is on a GP's list (since when, and who must move after a reduction) and the waiting list in order.
import { Heading, List, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { displayName } from '../../identity/display-name.ts';
import { QueryState } from '../../platform/query-state.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.tsx';
import { useAdminGpList, type AdminGpListDetail } from '../gp-api.ts';
import { useGpWords } from '../gp-words.ts';

export function ListDetail({ practitionerId }: { practitionerId: string }) {
  const detail = useAdminGpList(practitionerId, true);
  return (
    <QueryState query={detail} loginKind="staff">
      {(data) => (
        <>
          <Patients detail={data} />
          <Waiting detail={data} />
        </>
      )}
    </QueryState>
  );
}

function Patients({ detail }: { detail: AdminGpListDetail }) {
  const t = useT();
  const format = useFormat();
  const words = useGpWords();
  const headingId = useId();
  return (
    <section className="nl-section">
      <Heading level={3} data-size="xs" id={headingId}>
        {t('gp.admin.patients', { count: words.count(detail.patients.length) })}
      </Heading>
      {detail.patients.length === 0 ? (
        <Paragraph>{t('gp.admin.noPatients')}</Paragraph>
      ) : (
        <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table zebra data-size="sm" aria-labelledby={headingId}>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('gp.admin.col.patient')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.admin.col.since')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.patients.map((p) => (
                <Table.Row key={p.patientId}>
                  <Table.Cell>
                    {displayName(p.name, t)}
                    {p.mustMove && (
                      <>
                        {' '}
                        <Tag data-color="warning" data-size="sm">
                          {t('gp.admin.mustMove')}
                        </Tag>
                      </>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <time dateTime={p.since}>{format.date(p.since)}</time>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function Waiting({ detail }: { detail: AdminGpListDetail }) {
  const t = useT();
  const format = useFormat();
  const words = useGpWords();
  const waiting = [...detail.waiting].sort((a, b) => a.position - b.position);
  return (
    <section className="nl-section">
      <Heading level={3} data-size="xs">
        {t('gp.admin.waiting', { count: words.count(waiting.length) })}
      </Heading>
      {waiting.length === 0 ? (
        <Paragraph>{t('gp.admin.noWaiting')}</Paragraph>
      ) : (
        <List.Ordered>
          {waiting.map((w) => (
            <List.Item key={w.patientId}>{t('gp.admin.waitingItem', { name: displayName(w.name, t), date: format.date(w.since) })}</List.Item>
          ))}
        </List.Ordered>
      )}
    </section>
  );
}
