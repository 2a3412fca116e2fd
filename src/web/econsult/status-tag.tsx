// A case's state as a tag, in words (the colour only repeats what the words say), for the patient or the clinician.
import { Tag } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import type { CaseStatus } from './types.ts';

const COLOR: Record<CaseStatus, 'neutral' | 'info' | 'warning' | 'success' | 'danger'> = {
  draft: 'neutral',
  awaiting_payment: 'warning',
  open: 'info',
  claimed: 'info',
  waiting_for_patient: 'warning',
  closed: 'success',
  rejected: 'danger',
  expired: 'neutral',
};

/** The same state reads differently for the patient ("waiting for your answer") and the clinician ("waiting for the patient"). */
export function CaseStatusTag({ status, audience = 'patient' }: { status: CaseStatus; audience?: 'patient' | 'staff' }) {
  const t = useT();
  return (
    <Tag data-color={COLOR[status]} data-size="sm">
      {t(audience === 'patient' ? `econsult.status.${status}` : `staffEconsult.status.${status}`)}
    </Tag>
  );
}
