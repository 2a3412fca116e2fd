// "Kontonummer for fakturaer": the account the clinic's invoices are paid to, written as people write it
// (1234.56.78903); the server checks the MOD11 digit and says so in words when it does not match.
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { FormStatus } from '../../platform/form-status.tsx';
import { Notice, useNotice } from '../../platform/notice.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { useBankAccount, useSaveBankAccount } from './admin-api.ts';
import { accountText } from '../../../shared/bank-account.ts';


export function BankAccountSection() {
  const t = useT();
  const account = useBankAccount();
  const headingId = useId();
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('moneyAdmin.account.title')}
      </Heading>
      <QueryState query={account} loginKind="staff">
        {(a) => <AccountForm current={a.bankAccount} />}
      </QueryState>
    </section>
  );
}

function AccountForm({ current }: { current: string | null }) {
  const t = useT();
  const save = useSaveBankAccount();
  const notice = useNotice();
  const [text, setText] = useState(current ? accountText(current) : '');
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(text.trim() === '' ? null : text, { onSuccess: (saved) => notice.show(saved.bankAccount ? t('moneyAdmin.account.saved', { account: accountText(saved.bankAccount) }) : t('moneyAdmin.account.removed')) });
  }
  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Paragraph>{t('moneyAdmin.account.intro')}</Paragraph>
      <Textfield label={t('moneyAdmin.account.label')} inputMode="numeric" autoComplete="off" maxLength={20} value={text} onChange={(e) => setText(e.target.value)} />
      <FormStatus error={save.isError ? save.error : null} />
      <Notice notice={notice} />
      <div>
        <Button type="submit" loading={save.isPending}>
          {t('moneyAdmin.account.submit')}
        </Button>
      </div>
    </form>
  );
}
