// "Dekkes timen av en helseforsikring?": at a private clinic that bills insurers, the patient gives the insurer and the
// policy number instead of paying by card. Opened on request; the fields say what is wrong in words.
import { Button, Details, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useGiveInsurance } from './money-api.ts';

const POLICY = /^[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}$/;

export function InsuranceForm({ appointmentId }: { appointmentId: string }) {
  const t = useT();
  const give = useGiveInsurance();
  const [insurer, setInsurer] = useState('');
  const [policy, setPolicy] = useState('');
  const [tried, setTried] = useState(false);
  const problems = {
    insurer: insurer.trim().length >= 2 ? undefined : t('money.insurance.insurerMissing'),
    policy: POLICY.test(policy.trim()) ? undefined : t('money.insurance.policyInvalid'),
  };
  return (
    <Details>
      <Details.Summary>{t('money.insurance.ask')}</Details.Summary>
      <Details.Content>
        <form
          className="nl-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!problems.insurer && !problems.policy) give.mutate({ appointmentId, insurer, policyNumber: policy.trim() });
          }}
        >
          <Paragraph>{t('money.insurance.intro')}</Paragraph>
          <Textfield label={t('money.insurance.insurer')} value={insurer} onChange={(e) => setInsurer(e.target.value)} autoComplete="off" error={tried ? problems.insurer : undefined} />
          <Textfield label={t('money.insurance.policy')} value={policy} onChange={(e) => setPolicy(e.target.value)} autoComplete="off" error={tried ? problems.policy : undefined} />
          <div>
            <Button type="submit" variant="secondary" loading={give.isPending}>
              {t('money.insurance.send')}
            </Button>
          </div>
          <FormStatus error={give.isError ? give.error : null} />
        </form>
      </Details.Content>
    </Details>
  );
}
