// The clinic admin's choice of message services (practical questions, health questions) and the answer deadline in
// working days; patients see only what the clinic offers, and its contact details when it offers none.
import { Button, Checkbox, Fieldset, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getJson, sendJson } from '../api.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';

type Kind = 'admin' | 'clinical';
interface Settings {
  kinds: Kind[];
  answerDays: number;
}

const KEY = ['messages', 'staff', 'settings'];
const PATH = '/api/staff/clinic/message-settings';

export function MessageSettings() {
  const t = useT();
  const settings = useQuery({ queryKey: KEY, queryFn: () => getJson<Settings>(PATH) });
  return (
    <Section title={t('staffMessages.settings.title')}>
      <QueryState query={settings} loginKind="staff">
        {(s) => <SettingsForm settings={s} />}
      </QueryState>
    </Section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const t = useT();
  const client = useQueryClient();
  const notice = useNotice();
  const save = useMutation({ mutationFn: (s: Settings) => sendJson<Settings>('PUT', PATH, s), onSuccess: (s) => client.setQueryData(KEY, s) });
  const [kinds, setKinds] = useState<Kind[]>(settings.kinds);
  const [days, setDays] = useState(String(settings.answerDays));
  const [shown, setShown] = useState(false);
  const n = Number(days);
  const daysProblem = Number.isInteger(n) && n >= 1 && n <= 30 ? undefined : t('staffMessages.settings.daysInvalid');
  const toggle = (k: Kind, on: boolean) => setKinds((list) => (on ? [...new Set([...list, k])] : list.filter((x) => x !== k)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown(true);
    if (save.isPending) return;
    if (daysProblem) return document.getElementById('message-settings-days')?.focus();
    save.mutate({ kinds, answerDays: n }, { onSuccess: () => notice.show(t('staffMessages.settings.saved')) });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Fieldset>
        <Fieldset.Legend>{t('staffMessages.settings.kinds')}</Fieldset.Legend>
        <Checkbox label={t('staffMessages.settings.admin')} checked={kinds.includes('admin')} onChange={(e) => toggle('admin', e.target.checked)} />
        <Checkbox label={t('staffMessages.settings.clinical')} checked={kinds.includes('clinical')} onChange={(e) => toggle('clinical', e.target.checked)} />
      </Fieldset>
      {kinds.length === 0 && <Paragraph data-size="sm">{t('staffMessages.settings.none')}</Paragraph>}
      <Textfield id="message-settings-days" type="number" inputMode="numeric" min={1} max={30} label={t('staffMessages.settings.days')} description={t('staffMessages.settings.daysHint')} value={days} onChange={(e) => setDays(e.target.value)} error={shown ? daysProblem : undefined} />
      <FormStatus error={save.isError ? save.error : null} />
      <div>
        <Button type="submit" variant="secondary" loading={save.isPending}>
          {t('staffMessages.settings.save')}
        </Button>
      </div>
      <Notice notice={notice} />
    </form>
  );
}
