// "/ansatt/journaloverforing" (Journaloverføringer): the journals patients who switched GP asked to be sent from this
// office (with "Marker som sendt" while requested) and to it. Any staff member of the office.
import { Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';
import { Notice, useNotice } from '../platform/notice.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useMarkTransferSent, useStaffJournalTransfers, type StaffJournalTransfer } from './gp-api.ts';
import './gp.css';

export function JournalTransfersPage() {
  const t = useT();
  const transfers = useStaffJournalTransfers(useIsStaff());
  return (
    <Page title={t('gp.staffTransfer.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={transfers} loginKind="staff">
            {(list) => <Transfers transfers={list} />}
          </QueryState>
        )}
      </RequireSession>
      <Paragraph>
        <AppLink to="/ansatt">{t('gp.staff.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function Transfers({ transfers }: { transfers: StaffJournalTransfer[] }) {
  const t = useT();
  const mark = useMarkTransferSent();
  const notice = useNotice();
  const send = (transfer: StaffJournalTransfer) =>
    !mark.isPending && mutateThen(mark, transfer.id, () => notice.show(t('gp.staffTransfer.marked', { name: displayName(transfer.patientName, t), to: transfer.toOffice })));
  return (
    <>
      <Paragraph>{t('gp.staffTransfer.intro')}</Paragraph>
      <FormStatus error={mark.isError ? mark.error : null} />
      <Notice notice={notice} />
      <TransferTable
        title={t('gp.staffTransfer.outgoing')}
        empty={t('gp.staffTransfer.noOutgoing')}
        transfers={transfers.filter((x) => x.direction === 'outgoing')}
        action={(transfer, describedBy) =>
          transfer.status === 'requested' && (
            <Button variant="secondary" data-size="sm" aria-describedby={describedBy} loading={mark.isPending && mark.variables === transfer.id} onClick={() => send(transfer)}>
              {t('gp.staffTransfer.markSent')}
            </Button>
          )
        }
      />
      <TransferTable title={t('gp.staffTransfer.incoming')} empty={t('gp.staffTransfer.noIncoming')} transfers={transfers.filter((x) => x.direction === 'incoming')} />
    </>
  );
}

interface TransferTableProps {
  title: string;
  empty: string;
  transfers: StaffJournalTransfer[];
  /** A control for the row (the outgoing table's "Marker som sendt"), described by the patient's name. */
  action?: (transfer: StaffJournalTransfer, describedBy: string) => ReactNode;
}

function TransferTable({ title, empty, transfers, action }: TransferTableProps) {
  const t = useT();
  const format = useFormat();
  const headingId = useId();
  const rowId = useId();
  return (
    <section className="nl-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {title}
      </Heading>
      {transfers.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <div className="nl-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table zebra data-size="sm" className="nl-gp-table" aria-labelledby={headingId}>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('gp.admin.col.patient')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.staffTransfer.col.route')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.staffTransfer.col.requested')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('gp.staffTransfer.col.status')}</Table.HeaderCell>
                {action && <Table.HeaderCell scope="col">{t('gp.staffTransfer.col.action')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {transfers.map((transfer) => {
                const nameId = `${rowId}-${transfer.id}`;
                const sent = transfer.status === 'sent';
                return (
                  <Table.Row key={transfer.id}>
                    <Table.HeaderCell scope="row" id={nameId}>
                      {displayName(transfer.patientName, t)}
                    </Table.HeaderCell>
                    <Table.Cell>{t('gp.transfer.route', { from: transfer.fromOffice, to: transfer.toOffice })}</Table.Cell>
                    <Table.Cell>
                      <time dateTime={transfer.requestedAt}>{format.date(transfer.requestedAt)}</time>
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={sent ? 'success' : 'info'} data-size="sm">
                        {sent && transfer.sentAt ? t('gp.staffTransfer.sentOn', { date: format.date(transfer.sentAt) }) : t(sent ? 'gp.transfer.status.sent' : 'gp.transfer.status.requested')}
                      </Tag>
                    </Table.Cell>
                    {action && <Table.Cell>{action(transfer, nameId)}</Table.Cell>}
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
