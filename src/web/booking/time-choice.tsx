// The shared middle of every booking: clinician and visit type, a week of free times, the chosen time's facts, and "Bestill".
import { useState, type ReactNode } from 'react';
import type { Fact } from '../platform/facts.tsx';
import { useT } from '../i18n/index.tsx';
import { BookingConfirmation } from './booking-confirmation.tsx';
import { BookingForm } from './booking-form.tsx';
import { useClinicTime } from './clinic-time.ts';
import { ClinicianSelect, type ClinicianSelectProps, type ClinicianChoice } from './clinician-select.tsx';
import { SlotPicker, type SlotPickerProps } from './slot-picker.tsx';
import type { Appointment, BookingClinic, Slot, VisitType } from './types.ts';
import { VisitTypeChoice } from './visit-type-choice.tsx';

/** What is chosen on the way to a time: clinician, visit type, the week shown, the picked time. */
export function useTimeChoice(initialChoice: ClinicianChoice) {
  const [choice, setChoice] = useState<ClinicianChoice>(initialChoice);
  const [visitType, setVisitType] = useState<VisitType>('clinic');
  const [week, setWeek] = useState(0);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [back, setBack] = useState(false);
  return {
    choice,
    setChoice,
    visitType,
    setVisitType,
    week,
    setWeek,
    slot,
    setSlot,
    /** Whether the free times were left for a later step; their title then takes the focus again. */
    back,
    /** Drop the picked time and go back to the free times. */
    backToTimes() {
      setSlot(null);
      setBack(true);
    },
  };
}

export type TimeChoiceState = ReturnType<typeof useTimeChoice>;

/** The facts of a picked time: when, with whom, how, and for whom. */
export function useSlotFacts(timeZone: string, practitionerName: (id: string) => string) {
  const t = useT();
  const time = useClinicTime(timeZone);
  return (slot: Slot, patientName: string): Fact[] => [
    [t('booking.fact.time'), time.capitalise(time.dayAndTime(slot.start, true))],
    [t('booking.fact.clinician'), practitionerName(slot.practitionerId)],
    [t('booking.fact.visitType'), t(`booking.visitType.${slot.visitType}`)],
    [t('booking.fact.patient'), patientName],
  ];
}

export interface TimeChoiceProps {
  state: TimeChoiceState;
  clinicId: string;
  timeZone: string;
  /** Chosen clinician's id; none: the first free one. */
  practitionerId: string | undefined;
  practitionerName: (id: string) => string;
  /** The clinician select; `value` defaults to the state's choice. */
  clinician: Omit<ClinicianSelectProps, 'onChange' | 'value'> & { value?: ClinicianChoice };
  /** Fields before the clinician (whom, clinic). */
  fields?: ReactNode;
  /** Between the fields and the free times (a problem). */
  between?: ReactNode;
  /** Shown instead of the free times while something is still missing. */
  notReady?: ReactNode;
  level: SlotPickerProps['level'];
  loginKind: SlotPickerProps['loginKind'];
  onPick?: (slot: Slot) => void;
}

/** Clinician and visit type, then one week of free times. */
export function TimeChoice({ state, clinicId, timeZone, practitionerId, practitionerName, clinician, fields, between, notReady, level, loginKind, onPick }: TimeChoiceProps) {
  const t = useT();
  return (
    <>
      <div className="nl-form">
        {fields}
        <ClinicianSelect {...clinician} value={clinician.value ?? state.choice} onChange={state.setChoice} />
        <VisitTypeChoice value={state.visitType} onChange={state.setVisitType} />
      </div>
      {between}
      {notReady ?? (
        <SlotPicker
          clinicId={clinicId}
          timeZone={timeZone}
          visitType={state.visitType}
          practitionerId={practitionerId}
          practitionerName={practitionerName}
          week={state.week}
          onWeekChange={state.setWeek}
          onPick={onPick ?? state.setSlot}
          title={t('booking.freeTimes')}
          level={level}
          focusTitle={state.back}
          loginKind={loginKind}
        />
      )}
    </>
  );
}

export interface BookingStepsProps {
  state: TimeChoiceState;
  audience: 'patient' | 'staff';
  clinic: BookingClinic;
  /** For whom; without one, no time can be taken to the form. */
  patient: { id: string; name: string } | undefined;
  practitionerId: string | undefined;
  practitionerName: (id: string) => string;
  /** Facts after the picked time's own (the clinic). */
  moreFacts?: readonly Fact[];
  /** Above the first step (a link elsewhere). */
  intro?: ReactNode;
  /** The first step's own fields and clinician select. */
  choose: Pick<TimeChoiceProps, 'fields' | 'clinician' | 'notReady'>;
}

/** Booking in three steps: choose a time, the form, then the confirmation with "book another". */
export function BookingSteps({ state, audience, clinic, patient, practitionerId, practitionerName, moreFacts = [], intro, choose }: BookingStepsProps) {
  const [booked, setBooked] = useState<Appointment | null>(null);
  const factsOf = useSlotFacts(clinic.timeZone, practitionerName);

  if (booked) {
    return (
      <BookingConfirmation
        appointment={booked}
        audience={audience}
        address={clinic.address}
        onBookAnother={() => {
          setBooked(null);
          state.backToTimes();
        }}
      />
    );
  }

  if (state.slot && patient) {
    return (
      <BookingForm
        slot={state.slot}
        facts={[...factsOf(state.slot, patient.name), ...moreFacts]}
        patientId={patient.id}
        audience={audience}
        clinicId={clinic.id}
        timeZone={clinic.timeZone}
        practitionerId={practitionerId}
        practitionerName={practitionerName}
        onBooked={setBooked}
        onPick={state.setSlot}
        onChangeTime={state.backToTimes}
      />
    );
  }

  return (
    <>
      {intro}
      <TimeChoice
        {...choose}
        state={state}
        clinicId={clinic.id}
        timeZone={clinic.timeZone}
        practitionerId={practitionerId}
        practitionerName={practitionerName}
        level={2}
        loginKind={audience}
      />
    </>
  );
}
