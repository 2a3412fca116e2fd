// One open booking request: who sent it, when, their words; then book a time (SMS), convert the visit (not video), or reject.
import { Alert, Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useClinicTime } from '../booking/clinic-time.ts';
import type { Practitioner } from '../booking/types.ts';
import { displayName } from '../identity/display-name.ts';
import { Facts, type Fact } from '../platform/facts.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { BookPanel } from './book-panel.tsx';
import { RejectPanel } from './reject-panel.tsx';
import { useConvertRequest } from './requests-api.ts';
import type { BookingRequest } from './types.ts';
import { mutateThen } from '../platform/mutate-then.ts';

export interface RequestCardProps {
  request: BookingRequest;
  clinicId: string;
  timeZone: string;
  practitioners: readonly Practitioner[];
  practitionerName: (id: string) => string;
  onDone: (message: string) => void;
}

type Mode = 'idle' | 'book' | 'reject';

export function RequestCard(props: RequestCardProps) {
  const { request, timeZone } = props;
  const t = useT();
  const time = useClinicTime(timeZone);
  const headingId = useId();
  const [mode, setMode] = useState<Mode>('idle');
  const bookRef = useRef<HTMLButtonElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Mode>('idle');
  const who = request.patient ? displayName(request.patient.name, t) : t('requests.unknownSender');

  useEffect(() => {
    // Closing a panel puts focus back on the button that opened it.
    if (mode === 'idle' && returnTo.current !== 'idle') (returnTo.current === 'book' ? bookRef : rejectRef).current?.focus();
  }, [mode]);

  function open(next: Mode) {
    returnTo.current = next;
    setMode(next);
  }

  const facts: Fact[] = [[t('requests.received'), <time dateTime={request.receivedAt}>{time.capitalise(time.dayAndTime(request.receivedAt))}</time>]];
  if (request.fromPhone) facts.push([t('requests.from'), request.fromPhone]);
  if (request.message) facts.push([t('requests.message'), <span className="nl-request-message">{request.message}</span>]);
  if (request.patient?.maskedNationalId) facts.push([t('person.nationalId'), request.patient.maskedNationalId]);
  if (request.appointment) {
    facts.push(
      [t('requests.appointment'), <time dateTime={request.appointment.start}>{time.capitalise(time.dayAndTime(request.appointment.start, true))}</time>],
      [t('booking.fact.clinician'), displayName(request.appointment.practitionerName, t)],
      [t('booking.fact.visitType'), t(`booking.visitType.${request.appointment.visitType}`)],
    );
  }

  return (
    <li>
      <Card data-color="neutral" className="nl-appointment">
        <Heading level={2} data-size="xs" id={headingId}>
          {who}
        </Heading>
        <span className="nl-tags">
          <Tag data-color={request.kind === 'sms' ? 'info' : 'warning'}>{t(request.kind === 'sms' ? 'requests.kind.sms' : 'requests.kind.notVideo')}</Tag>
        </span>
        <Facts items={facts} />
        {mode === 'idle' && (
          <div className="nl-actions">
            {request.kind === 'sms' && request.patient && (
              <Button ref={bookRef} aria-describedby={headingId} onClick={() => open('book')}>
                {t('requests.book')}
              </Button>
            )}
            {request.kind === 'not_video' && <ConvertButtons request={request} who={who} headingId={headingId} onDone={props.onDone} />}
            <Button ref={rejectRef} variant="secondary" data-color="danger" aria-describedby={headingId} onClick={() => open('reject')}>
              {t('requests.reject')}
            </Button>
          </div>
        )}
        {mode === 'book' && request.patient && (
          <BookPanel {...props} patientName={who} onClose={() => setMode('idle')} />
        )}
        {mode === 'reject' && <RejectPanel request={request} who={who} onDone={props.onDone} onClose={() => setMode('idle')} />}
      </Card>
    </li>
  );
}

function ConvertButtons({ request, who, headingId, onDone }: { request: BookingRequest; who: string; headingId: string; onDone: (message: string) => void }) {
  const t = useT();
  const convert = useConvertRequest();
  const run = (visitType: 'clinic' | 'phone') =>
    !convert.isPending &&
    mutateThen(convert, { id: request.id, visitType }, () => onDone(t('requests.converted', { name: who, visitType: t(`booking.visitType.${visitType}`) })));
  return (
    <>
      <Button variant="secondary" aria-describedby={headingId} loading={convert.isPending && convert.variables?.visitType === 'clinic'} onClick={() => run('clinic')}>
        {t('requests.toClinic')}
      </Button>
      <Button variant="secondary" aria-describedby={headingId} loading={convert.isPending && convert.variables?.visitType === 'phone'} onClick={() => run('phone')}>
        {t('requests.toPhone')}
      </Button>
      {convert.isError && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{problemText(convert.error, t)}</Paragraph>
        </Alert>
      )}
    </>
  );
}
