// "/ansatt/resepter": the clinic's open renewal requests for its clinicians, oldest first: who asks, their note, when,
// and each item beside the prescription it renews. Approve (an antibiotic needs a ticked confirmation) or decline with
// a reason the patient reads; the decided request leaves the list and the outcome is said where the focus goes.
import { Alert, Button, Checkbox, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import type { StaffRenewalRequestView } from '../../server/prescriptions/api.ts';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { PrescriptionCard } from './prescription-card.tsx';
import { prescriberText } from './prescription-text.ts';
import { useDecideRenewal, useStaffRenewalRequests } from './prescriptions-api.ts';
import './prescriptions.css';
import { mutateThen } from '../platform/mutate-then.ts';

const MAX_REASON = 1000;

export function StaffRenewalsPage() {
  const t = useT();
  return (
    <StaffPage title={t('staffPrescriptions.title')}>
      {(home) => (home.roles.includes('clinician') ? <Renewals home={home} /> : <Paragraph>{t('staffPrescriptions.onlyClinicians')}</Paragraph>)}
    </StaffPage>
  );
}

function Renewals({ home }: { home: StaffHome }) {
  const t = useT();
  const query = useStaffRenewalRequests(true);
  const notice = useNotice();
  return (
    <>
      <Alert data-color="info">
        <Paragraph>{t('staff.accessLogged')}</Paragraph>
      </Alert>
      <Paragraph>{t('staffPrescriptions.intro', { clinic: home.clinic.name })}</Paragraph>
      <Notice notice={notice} />
      <QueryState query={query} loginKind="staff">
        {(data) => {
          const count = data.requests.length;
          return (
            <>
              <Paragraph aria-live="polite">{count === 0 ? t('staffPrescriptions.empty') : t(count === 1 ? 'staffPrescriptions.count.one' : 'staffPrescriptions.count.other', { count })}</Paragraph>
              {count > 0 && (
                <ol className="nl-prescription-list">
                  {data.requests.map((r) => (
                    <li key={r.id}>
                      <RequestCard request={r} onDone={notice.show} />
                    </li>
                  ))}
                </ol>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function RequestCard({ request: r, onDone }: { request: StaffRenewalRequestView; onDone: (text: string) => void }) {
  const t = useT();
  const format = useFormat();
  const headingId = `renewal-request-${r.id}`;
  const name = displayName(r.patient.name, t);
  const waiting = r.items.filter((i) => i.status === 'sent');
  return (
    <article className="nl-prescription" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {name}
      </Heading>
      <Facts
        items={[
          [t('staffPrescriptions.sent'), format.dateTime(r.createdAt)],
          [t('staffPrescriptions.note'), r.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{r.note}</span> : t('staffPrescriptions.noNote')],
        ]}
      />
      <Paragraph data-size="sm">
        <AppLink to={`/ansatt/pasient/${encodeURIComponent(r.patient.id)}`}>{t('staffPrescriptions.toPatient', { name })}</AppLink>
      </Paragraph>
      <Heading level={3} data-size="xs">
        {t('staffPrescriptions.items')}
      </Heading>
      <ul className="nl-prescription-list">
        {r.items.map((item) => {
          const p = item.prescription;
          return (
            <li key={item.id}>
              <PrescriptionCard
                prescription={p}
                headingLevel={4}
                prescriber={p.prescribedByMe ? t('staffPrescriptions.byMe') : prescriberText(p, t)}
                extraFacts={[
                  [
                    t('prescriptions.fact.status'),
                    item.status === 'sent' ? t('staffPrescriptions.item.sent') : item.declineRule === 'needs-visit' ? t('staffPrescriptions.item.needsVisit') : t('staffPrescriptions.item.decided'),
                  ],
                ]}
              >
                <span className="nl-tags">
                  <Tag data-color={p.drug.prescriptionClass === 'A' || p.drug.prescriptionClass === 'B' ? 'warning' : 'neutral'} data-size="sm">
                    {t('staffPrescriptions.class', { class: p.drug.prescriptionClass })}
                  </Tag>
                  {p.drug.antibiotic && (
                    <Tag data-color="warning" data-size="sm">
                      {t('staffPrescriptions.antibiotic')}
                    </Tag>
                  )}
                </span>
              </PrescriptionCard>
            </li>
          );
        })}
      </ul>
      {waiting.length > 0 && (
        <div className="nl-prescription-decide">
          <Approve request={r} needsConfirmation={waiting.some((i) => i.prescription.drug.antibiotic)} onDone={() => onDone(t('staffPrescriptions.approve.done', { name }))} />
          <Decline request={r} onDone={() => onDone(t('staffPrescriptions.decline.done', { name }))} />
        </div>
      )}
    </article>
  );
}

function Approve({ request, needsConfirmation, onDone }: { request: StaffRenewalRequestView; needsConfirmation: boolean; onDone: () => void }) {
  const t = useT();
  const decide = useDecideRenewal(request.id);
  const [confirmed, setConfirmed] = useState(false);
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const confirmId = useId();
  const missing = needsConfirmation && !confirmed ? t('staffPrescriptions.approve.confirmMissing') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (decide.isPending) return;
    setShown(true);
    if (missing) return document.getElementById(confirmId)?.focus();
    mutateThen(decide, { approve: true, antibioticConfirmed: needsConfirmation && confirmed }, onDone);
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Heading id={headingId} level={3} data-size="xs">
        {t('staffPrescriptions.approve.heading')}
      </Heading>
      {needsConfirmation && (
        <Checkbox
          id={confirmId}
          label={t('staffPrescriptions.approve.confirm')}
          checked={confirmed}
          required
          aria-required
          onChange={(e) => setConfirmed(e.target.checked)}
          error={shown ? missing : undefined}
        />
      )}
      <FormStatus error={decide.isError ? decide.error : null} />
      <div>
        <Button type="submit" loading={decide.isPending}>
          {t('staffPrescriptions.approve.submit')}
        </Button>
      </div>
    </form>
  );
}

function Decline({ request, onDone }: { request: StaffRenewalRequestView; onDone: () => void }) {
  const t = useT();
  const decide = useDecideRenewal(request.id);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const reasonId = useId();
  const problem = reason.trim() === '' ? t('staffPrescriptions.decline.missing') : reason.length > MAX_REASON ? t('booking.reason.tooLong', { max: MAX_REASON }) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (decide.isPending) return;
    setShown(true);
    if (problem) return document.getElementById(reasonId)?.focus();
    mutateThen(decide, { approve: false, reason: reason.trim() }, onDone);
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Heading id={headingId} level={3} data-size="xs">
        {t('staffPrescriptions.decline.heading')}
      </Heading>
      <Textfield
        id={reasonId}
        multiline
        rows={3}
        label={t('staffPrescriptions.decline.reason')}
        description={t('staffPrescriptions.decline.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        counter={{ limit: MAX_REASON, under: t('booking.reason.left'), over: t('booking.reason.over') }}
        error={shown ? problem : undefined}
      />
      <FormStatus error={decide.isError ? decide.error : null} />
      <div>
        <Button type="submit" variant="secondary" data-color="danger" loading={decide.isPending}>
          {t('staffPrescriptions.decline.submit')}
        </Button>
      </div>
    </form>
  );
}
