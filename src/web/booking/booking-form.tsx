// The last step of booking: the chosen time, reason and interpreter, then "Bestill"; a time just taken offers the nearest free ones.
import { Alert, Button, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Facts, type Fact } from '../platform/facts.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { PriceNotice } from '../money/price-notice.tsx';
import { CareCategoryChoice } from '../money/care-category-choice.tsx';
import { useQuery } from '@tanstack/react-query';
import { clinicsQuery } from './clinics-query.ts';
import { useT } from '../i18n/index.tsx';
import { fetchAvailability, isProblem, useBookAppointment } from './booking-api.ts';
import { useClinicTime } from './clinic-time.ts';
import { keyKeeper } from './idempotency.ts';
import { firstClinicianPerTime, nearestSlots } from './slots.ts';
import type { Appointment, BookingRequest, CareCategory, Slot } from './types.ts';

const MAX_REASON = 300;
const DAY_MS = 86_400_000;

export interface BookingFormProps {
  slot: Slot;
  /** What is being booked, shown above the form: time, clinician, visit type, for whom, clinic. */
  facts: readonly Fact[];
  patientId: string;
  audience: 'patient' | 'staff';
  clinicId: string;
  timeZone: string;
  /** The clinician filter the time came from; alternatives are sought with the same one. */
  practitionerId: string | undefined;
  practitionerName: (id: string) => string;
  onBooked: (appointment: Appointment) => void;
  onChangeTime: () => void;
  onPick: (slot: Slot) => void;
}

export function BookingForm(props: BookingFormProps) {
  const { slot, audience } = props;
  const t = useT();
  const time = useClinicTime(props.timeZone);
  const book = useBookAppointment();
  const [keys] = useState(keyKeeper);
  const [reason, setReason] = useState('');
  const [needsInterpreter, setNeedsInterpreter] = useState(false);
  const [language, setLanguage] = useState('');
  const [careCategory, setCareCategory] = useState<CareCategory | null>(null);
  const clinics = useQuery(clinicsQuery);
  const kind = clinics.data?.find((c) => c.id === props.clinicId)?.kind;
  const [invalid, setInvalid] = useState<{ reason?: string; language?: string }>({});
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  function slotLabel(s: Slot): string {
    return time.capitalise(t('booking.slotLabel', { day: time.day(time.dateOf(s.start)), time: time.time(s.start), clinician: props.practitionerName(s.practitionerId) }));
  }

  async function offerAlternatives(wanted: Slot) {
    const at = Date.parse(wanted.start);
    const from = new Date(Math.max(Date.now(), at - 7 * DAY_MS));
    const { slots } = await fetchAvailability({ clinicId: props.clinicId, practitionerId: props.practitionerId, visitType: wanted.visitType, from, to: new Date(at + 7 * DAY_MS) });
    setAlternatives(nearestSlots(props.practitionerId ? slots : firstClinicianPerTime(slots), wanted));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (book.isPending) return;
    const problems: typeof invalid = {};
    if (reason.length > MAX_REASON) problems.reason = t('booking.reason.tooLong', { max: MAX_REASON });
    if (needsInterpreter && language.trim().length < 2) problems.language = t('booking.interpreter.languageMissing');
    setInvalid(problems);
    if (problems.reason || problems.language) return;
    const request: BookingRequest = {
      practitionerId: slot.practitionerId,
      start: slot.start,
      visitType: slot.visitType,
      patientId: props.patientId,
      reason: reason.trim(),
      interpreterLanguage: needsInterpreter ? language.trim() : null,
      careCategory: kind === 'private' ? null : careCategory,
    };
    setAlternatives(null);
    book.mutate(
      { request, idempotencyKey: keys.keyFor(request) },
      {
        onSuccess: props.onBooked,
        onError: (error) => {
          if (isProblem(error, 'slot-taken') || isProblem(error, 'not-available')) void offerAlternatives(slot).catch(() => setAlternatives([]));
        },
      },
    );
  }

  function pick(alternative: Slot) {
    book.reset();
    setAlternatives(null);
    props.onPick(alternative);
    headingRef.current?.focus();
  }

  return (
    <>
      <section className="nl-section" aria-labelledby={headingId}>
        <Heading level={2} data-size="sm" id={headingId} ref={headingRef} tabIndex={-1}>
          {t('booking.chosenTime')}
        </Heading>
        <Facts items={props.facts} />
        {/* The price is asked as the patient (GET /api/prices answers patient sessions only). A card payment follows on
            the confirmation; an invoice is reception's to send after the visit, so it is not promised here. */}
        {/* Asked before the price, which it may change: a pregnancy check-up, or mental-health care under 18, is free. */}
        {kind !== undefined && kind !== 'private' && <CareCategoryChoice value={careCategory} onChange={setCareCategory} />}
        {audience === 'patient' && (
          <PriceNotice clinicId={props.clinicId} service="consultation" visitType={slot.visitType} patientId={props.patientId} at={slot.start} careCategory={careCategory} notHere={['invoice']} />
        )}
        <div>
          <Button variant="secondary" onClick={props.onChangeTime}>
            {t('booking.changeTime')}
          </Button>
        </div>
      </section>
      <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
        <Textfield
          multiline
          rows={4}
          label={t('booking.reason.label')}
          description={t(audience === 'patient' ? 'booking.reason.hint' : 'booking.reason.hintStaff')}
          counter={{ limit: MAX_REASON, under: t('booking.reason.left'), over: t('booking.reason.over') }}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={invalid.reason}
        />
        <Checkbox
          label={t(audience === 'patient' ? 'booking.interpreter.needed' : 'booking.interpreter.neededStaff')}
          checked={needsInterpreter}
          onChange={(event) => setNeedsInterpreter(event.target.checked)}
        />
        {needsInterpreter && (
          <Textfield
            label={t('booking.interpreter.language')}
            description={t('booking.interpreter.languageHint')}
            autoComplete="off"
            maxLength={40}
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
            error={invalid.language}
          />
        )}
        <div aria-live="polite" className="nl-form__status">
          {book.isError && (
            <Alert data-color="danger">
              <Paragraph>{problemText(book.error, t)}</Paragraph>
              {alternatives && alternatives.length > 0 && (
                <>
                  <Paragraph>{t('booking.alternatives')}</Paragraph>
                  <ul className="nl-plain-list nl-actions">
                    {alternatives.map((alternative) => (
                      <li key={`${alternative.practitionerId}-${alternative.start}`}>
                        <Button variant="secondary" data-size="sm" onClick={() => pick(alternative)}>
                          {slotLabel(alternative)}
                        </Button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {alternatives?.length === 0 && <Paragraph>{t('booking.noAlternatives')}</Paragraph>}
            </Alert>
          )}
        </div>
        <div>
          <Button type="submit" loading={book.isPending}>
            {t('booking.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
