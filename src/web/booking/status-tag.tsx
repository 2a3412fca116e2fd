// An appointment's status as a tag, in the user's language.
import { Tag } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import type { AppointmentStatus } from './types.ts';

const COLOR: Record<AppointmentStatus, 'success' | 'neutral' | 'danger' | 'info'> = {
  booked: 'success',
  cancelled: 'danger',
  completed: 'neutral',
  no_show: 'neutral',
};

export function StatusTag({ status }: { status: AppointmentStatus }) {
  const t = useT();
  return <Tag data-color={COLOR[status]}>{t(`booking.status.${status}`)}</Tag>;
}
