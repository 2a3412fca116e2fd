// "Journaloverføring": the journal transfers asked for (requested or sent), and asking the office the patient left to
// send the journal to the new one. Shown only when there is something to show or to ask.
import { Button, Card, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Notice, useNotice } from '../platform/notice.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useRequestJournalTransfer, type JournalTransfer, type MyGp } from './gp-api.ts';

export function TransfersSection({ mine }: { mine: MyGp }) {
  const t = useT();
  const request = useRequestJournalTransfer();
  const notice = useNotice();
  const offer = mine.mayRequestTransfer && mine.mayChoose;
  if (mine.journalTransfers.length === 0 && !offer && !notice.notice) return null;
  return (
    <Section title={t('gp.transfer.heading')}>
      {mine.journalTransfers.length > 0 && (
        <ul className="nl-plain-list nl-gp-transfers">
          {mine.journalTransfers.map((transfer) => (
            <TransferItem key={transfer.id} transfer={transfer} />
          ))}
        </ul>
      )}
      {offer && (
        <>
          <Paragraph>{t('gp.transfer.explain')}</Paragraph>
          <div>
            <Button
              variant="secondary"
              loading={request.isPending}
              onClick={() =>
                !request.isPending &&
                mutateThen(request, mine.patientId, (transfer) => notice.show(t('gp.transfer.requested', { from: transfer.fromOffice, to: transfer.toOffice })))
              }
            >
              {t('gp.transfer.request')}
            </Button>
          </div>
        </>
      )}
      <FormStatus error={request.isError ? request.error : null} />
      <Notice notice={notice} />
    </Section>
  );
}

function TransferItem({ transfer }: { transfer: JournalTransfer }) {
  const t = useT();
  const format = useFormat();
  const sent = transfer.status === 'sent';
  return (
    <li>
      <Card data-color="neutral" className="nl-gp-card">
        <Paragraph>{t('gp.transfer.route', { from: transfer.fromOffice, to: transfer.toOffice })}</Paragraph>
        <span className="nl-tags">
          <Tag data-color={sent ? 'success' : 'info'}>{t(sent ? 'gp.transfer.status.sent' : 'gp.transfer.status.requested')}</Tag>
        </span>
        <Paragraph data-size="sm">
          {t('gp.transfer.requestedAt', { date: format.date(transfer.requestedAt) })}
          {sent && transfer.sentAt && (
            <>
              <br />
              {t('gp.transfer.sentAt', { date: format.date(transfer.sentAt) })}
            </>
          )}
        </Paragraph>
      </Card>
    </li>
  );
}
