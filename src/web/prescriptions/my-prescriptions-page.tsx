// "/min-side/resepter": the patient's prescriptions (or a young child's: a child of 12–15 gets the server's refusal),
// valid ones apart from expired and used-up ones; renewal requests (A/B-class drugs need a visit, said plainly) and
// their answers; locking one for the pharmacy with a reference number; and the block on health personnel's view.
import { Alert, Button, Heading, Paragraph, Switch } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { MyPrescriptions, PrescriptionView, RenewalItemView, RenewalRequestView } from '../../server/prescriptions/api.ts';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { PrescriptionCard } from './prescription-card.tsx';
import { useAccessBlock, useLockPrescription, useMyPrescriptions } from './prescriptions-api.ts';
import { drugTitle } from './prescription-text.ts';
import { RenewalForm } from './renewal-form.tsx';
import './prescriptions.css';

export function MyPrescriptionsPage() {
  const t = useT();
  return (
    <Page title={t('prescriptions.title')}>
      <RequireSession kind="patient">{() => <MyPrescriptionsContent />}</RequireSession>
    </Page>
  );
}

function MyPrescriptionsContent() {
  const t = useT();
  const query = useMyPrescriptions();
  return (
    <>
      <Paragraph>{t('prescriptions.intro')}</Paragraph>
      <QueryState query={query} loginKind="patient">
        {(data) => <Prescriptions data={data} />}
      </QueryState>
    </>
  );
}

function Prescriptions({ data }: { data: MyPrescriptions }) {
  const t = useT();
  const active = data.prescriptions.filter((p) => p.status === 'active');
  const past = data.prescriptions.filter((p) => p.status !== 'active');
  return (
    <>
      <Section title={t('prescriptions.active')}>
        <PrescriptionList prescriptions={active} empty={t('prescriptions.activeEmpty')} lockable />
      </Section>
      <Section title={t('prescriptions.expired')}>
        <PrescriptionList prescriptions={past} empty={t('prescriptions.expiredEmpty')} />
      </Section>
      <RenewalForm prescriptions={data.prescriptions} />
      <Section title={t('prescriptions.requests.title')}>
        <Requests requests={data.renewalRequests} prescriptions={data.prescriptions} />
      </Section>
      <AccessBlock data={data} />
    </>
  );
}

function PrescriptionList({ prescriptions, empty, lockable = false }: { prescriptions: PrescriptionView[]; empty: string; lockable?: boolean }) {
  const t = useT();
  if (prescriptions.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <ul className="nl-prescription-list">
      {prescriptions.map((p) => (
        <li key={p.id}>
          <PrescriptionCard prescription={p} extraFacts={p.locked && p.referenceNumber ? [[t('prescriptions.fact.reference'), <strong>{p.referenceNumber}</strong>]] : []}>
            {(p.locked || lockable) && <Lock prescription={p} />}
            <RenewalStatus prescription={p} />
          </PrescriptionCard>
        </li>
      ))}
    </ul>
  );
}

/** What a renewal can do for this prescription now, in words; a drug that needs a visit links to booking. */
function RenewalStatus({ prescription: p }: { prescription: PrescriptionView }) {
  const t = useT();
  switch (p.renewal) {
    case 'available':
      return <Paragraph data-size="sm">{t('prescriptions.renewal.available')}</Paragraph>;
    case 'requested':
      return <Paragraph data-size="sm">{t('prescriptions.renewal.requested')}</Paragraph>;
    case 'renewed':
      return <Paragraph data-size="sm">{t('prescriptions.renewal.renewed')}</Paragraph>;
    case 'needs-visit':
      return (
        <Alert data-color="warning" data-size="sm">
          <Paragraph data-size="sm">{t('prescriptions.renewal.needsVisit')}</Paragraph>
          <Paragraph data-size="sm">
            <AppLink to="/timebestilling">{t('prescriptions.renewal.bookVisit')}</AppLink>
          </Paragraph>
        </Alert>
      );
  }
}

/**
 * Locking: what it means is said before the button; afterwards what the reference number is for, and the outcome takes
 * the focus (the button is gone). Stays mounted across the change so that its notice is kept.
 */
function Lock({ prescription }: { prescription: PrescriptionView }) {
  const t = useT();
  const lock = useLockPrescription();
  const notice = useNotice();
  const hintId = useId();
  if (prescription.locked) {
    return (
      <div className="nl-section">
        <Paragraph data-size="sm">{t('prescriptions.lockedHint')}</Paragraph>
        <Notice notice={notice} />
      </div>
    );
  }
  return (
    <div className="nl-section">
      <Paragraph id={hintId} data-size="sm">
        {t('prescriptions.lockHint')}
      </Paragraph>
      <div>
        <Button
          type="button"
          variant="secondary"
          aria-describedby={hintId}
          loading={lock.isPending}
          onClick={() => !lock.isPending && lock.mutate(prescription.id, { onSuccess: (p) => notice.show(t('prescriptions.lockDone', { number: p.referenceNumber ?? '' })) })}
        >
          {t('prescriptions.lock')}
        </Button>
      </div>
      <FormStatus error={lock.isError ? lock.error : null} />
      <Notice notice={notice} />
    </div>
  );
}

function Requests({ requests, prescriptions }: { requests: RenewalRequestView[]; prescriptions: PrescriptionView[] }) {
  const t = useT();
  const format = useFormat();
  if (requests.length === 0) return <Paragraph>{t('prescriptions.requests.empty')}</Paragraph>;
  const newest = [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul className="nl-prescription-list">
      {newest.map((r) => (
        <li key={r.id}>
          <article className="nl-prescription" aria-labelledby={`renewal-request-${r.id}`}>
            <Heading id={`renewal-request-${r.id}`} level={3} data-size="xs">
              {t('prescriptions.requests.heading', { date: format.dateTime(r.createdAt) })}
            </Heading>
            <Paragraph data-size="sm">{t('prescriptions.requests.to', { clinic: r.clinic.name })}</Paragraph>
            {r.note && <Paragraph data-size="sm" style={{ whiteSpace: 'pre-wrap' }}>{t('prescriptions.requests.note', { note: r.note })}</Paragraph>}
            <ul className="nl-prescription-items">
              {r.items.map((item) => (
                <li key={item.id}>
                  <ItemOutcome item={item} prescriptions={prescriptions} />
                </li>
              ))}
            </ul>
          </article>
        </li>
      ))}
    </ul>
  );
}

function ItemOutcome({ item, prescriptions }: { item: RenewalItemView; prescriptions: PrescriptionView[] }) {
  const t = useT();
  const format = useFormat();
  const renewed = item.newPrescriptionId ? prescriptions.find((p) => p.id === item.newPrescriptionId) : undefined;
  const outcome =
    item.status === 'sent'
      ? t('prescriptions.item.sent')
      : item.status === 'approved'
        ? renewed
          ? t('prescriptions.item.approved', { date: format.date(renewed.validUntil) })
          : t('prescriptions.item.approvedShort')
        : item.declineRule === 'needs-visit'
          ? t('prescriptions.item.needsVisit')
          : t('prescriptions.item.declined', { reason: item.declineReason ?? '' });
  return (
    <>
      <strong>
        {drugTitle({ name: item.drugName, brand: null })}, {item.strength}
      </strong>
      <span>{outcome}</span>
      {item.declineRule === 'needs-visit' && <AppLink to="/timebestilling">{t('prescriptions.renewal.bookVisit')}</AppLink>}
      {item.decidedByName && item.decidedAt && (
        <span className="nl-muted">{t('prescriptions.item.decidedBy', { name: displayName(item.decidedByName, t), date: format.dateTime(item.decidedAt) })}</span>
      )}
    </>
  );
}

/** The block on health personnel's view: what it means, said before the switch; the change is said in a live region. */
function AccessBlock({ data }: { data: MyPrescriptions }) {
  const t = useT();
  const format = useFormat();
  const block = useAccessBlock();
  const notice = useNotice();
  const explainedBy = useId();
  const headingId = useId();
  // The switch follows the click at once (a controlled input would otherwise snap back until the request is under way).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const blocked = wanted ?? data.accessBlock.blocked;
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('prescriptions.block.title')}
      </Heading>
      <div id={explainedBy} className="nl-section">
        <Paragraph>{t('prescriptions.block.what')}</Paragraph>
        <Paragraph>{t('prescriptions.block.prescriber')}</Paragraph>
        <Alert data-color="warning">
          <Paragraph>{t('prescriptions.block.risk')}</Paragraph>
        </Alert>
      </div>
      <Switch
        label={t('prescriptions.block.label')}
        checked={blocked}
        aria-describedby={explainedBy}
        onChange={(e) => {
          if (block.isPending) return;
          const next = e.target.checked;
          setWanted(next);
          block.mutate(next, { onSuccess: () => notice.show(t(next ? 'prescriptions.block.on' : 'prescriptions.block.off')), onSettled: () => setWanted(null) });
        }}
      />
      {data.accessBlock.blocked && data.accessBlock.since && <Paragraph data-size="sm">{t('prescriptions.block.since', { date: format.date(data.accessBlock.since) })}</Paragraph>}
      <FormStatus error={block.isError ? block.error : null} />
      <Notice notice={notice} />
    </section>
  );
}
