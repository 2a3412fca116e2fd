// On one of the patient's appointments: whether its price was paid by card (and given back after a cancellation),
// or, for a booked visit paid by card when booking and not paid yet, the amount and the button to pay it.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useAppointmentPayments, usePayAppointment, usePrice } from './money-api.ts';
import { useMoney } from './money-format.ts';
import { InsuranceForm } from './insurance-form.tsx';

export interface CardPaymentProps {
  appointment: { id: string; clinicId: string; patientId: string; visitType: 'clinic' | 'video' | 'phone'; start: string; status: string; upcoming: boolean };
  /** The visit's heading, which the button's label refers to. */
  describedBy: string;
}

/** Statuses in which the money is reserved or taken. */
const PAID = new Set(['authorized', 'capture_requested', 'captured']);

export function CardPayment({ appointment, describedBy }: CardPaymentProps) {
  const t = useT();
  const payments = useAppointmentPayments();
  const mine = payments.data?.payments.find((p) => p.appointmentId === appointment.id);
  const insured = payments.data?.insurance.find((i) => i.appointmentId === appointment.id);
  const open = appointment.status === 'booked' && appointment.upcoming;
  const price = usePrice({ clinicId: appointment.clinicId, service: 'consultation', visitType: appointment.visitType, patientId: appointment.patientId, at: appointment.start });
  const pay = usePayAppointment();
  const money = useMoney(price.data?.currency);
  const leaving = pay.isSuccess;

  if (mine && PAID.has(mine.status)) {
    return (
      <div className="nl-card-payment">
        <Paragraph>{t('money.card.paid', { amount: money(mine.amountOre) })}</Paragraph>
        {mine.refundedOre > 0 && <Paragraph>{t('money.card.refunded', { amount: money(mine.refundedOre) })}</Paragraph>}
        {/* Cancelled while the money was still being taken: it is given back as soon as the capture lands. */}
        {mine.refundedOre === 0 && appointment.status === 'cancelled' && <Paragraph>{t('money.card.refundPending', { amount: money(mine.amountOre) })}</Paragraph>}
      </div>
    );
  }
  if (insured) {
    return (
      <div className="nl-card-payment">
        <Paragraph>{t('money.insurance.billed', { insurer: insured.insurer, policy: insured.policyNumber })}</Paragraph>
      </div>
    );
  }
  if (!open || !price.data || price.data.payBy !== 'card-at-booking' || price.data.amountOre === 0) return null;
  return (
    <div className="nl-card-payment">
      <Paragraph>{t(mine?.status === 'declined' ? 'money.card.declined' : 'money.card.due', { amount: money(price.data.amountOre) })}</Paragraph>
      <Button
        aria-describedby={describedBy}
        loading={pay.isPending || leaving}
        onClick={() => pay.mutate(appointment.id, { onSuccess: (r) => window.location.assign(r.redirectUrl) })}
      >
        {t('money.card.pay', { amount: money(price.data.amountOre) })}
      </Button>
      <FormStatus error={pay.isError ? pay.error : null} />
      {price.data.insuranceAccepted && <InsuranceForm appointmentId={appointment.id} />}
    </div>
  );
}
