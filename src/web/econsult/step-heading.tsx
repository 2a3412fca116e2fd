// A draft step's heading: "Steg 2 av 4: Spørsmål", focused when the step changes so a screen reader starts there.
import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.tsx';
import { DRAFT_STEPS, type DraftStep } from './answers.ts';

export function StepHeading({ step, id, focus }: { step: DraftStep; id: string; focus: boolean }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Heading level={2} data-size="sm" id={id} ref={ref} tabIndex={-1}>
      <span className="nl-econsult-step">{t('econsult.step', { number: DRAFT_STEPS.indexOf(step) + 1, count: DRAFT_STEPS.length })}</span> {t(`econsult.step.${step}`)}
    </Heading>
  );
}
