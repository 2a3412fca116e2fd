// Handing a case on: back to the queue (when one holds it) or to a named colleague at the clinic.
import { Button, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { displayName } from '../identity/display-name.ts';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useColleagues, useHandOn } from './staff-api.ts';
import type { PersonRef } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';

const QUEUE = 'queue';

export interface HandOnFormProps {
  caseId: string;
  /** Who holds the case now (not offered as a colleague); null while it is in the queue. */
  holder: PersonRef | null;
  labelledBy: string;
  onDone: (text: string) => void;
}

export function HandOnForm(props: HandOnFormProps) {
  const colleagues = useColleagues(true);
  return <QueryState query={colleagues} loginKind="staff">{(list) => <HandOn {...props} colleagues={list.filter((c) => c.id !== props.holder?.id)} />}</QueryState>;
}

function HandOn({ caseId, holder, labelledBy, onDone, colleagues }: HandOnFormProps & { colleagues: PersonRef[] }) {
  const t = useT();
  const handOn = useHandOn(caseId);
  const selectId = useId();
  const [to, setTo] = useState(holder ? QUEUE : (colleagues[0]?.id ?? ''));
  const nameOf = (id: string) => displayName(colleagues.find((c) => c.id === id)?.name, t);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (handOn.isPending || to === '') return;
    const toPractitionerId = to === QUEUE ? null : to;
    mutateThen(handOn, { toPractitionerId }, () => onDone(toPractitionerId ? t('staffEconsult.handOn.givenTo', { name: nameOf(to) }) : t('staffEconsult.handOn.backDone')));
  }

  if (!holder && colleagues.length === 0) return <Paragraph>{t('staffEconsult.handOn.noColleagues')}</Paragraph>;
  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      <Field>
        <Label htmlFor={selectId}>{t('staffEconsult.handOn.to')}</Label>
        <Select id={selectId} value={to} onChange={(event) => setTo(event.target.value)}>
          {holder && <Select.Option value={QUEUE}>{t('staffEconsult.handOn.queue')}</Select.Option>}
          {colleagues.map((c) => (
            <Select.Option key={c.id} value={c.id}>
              {displayName(c.name, t)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <FormStatus error={handOn.isError ? handOn.error : null} />
      <div>
        <Button type="submit" variant="secondary" loading={handOn.isPending}>
          {t('staffEconsult.handOn.submit')}
        </Button>
      </div>
    </form>
  );
}
