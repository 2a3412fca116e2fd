// "Kontaktinformasjon": the patient's own mobile number and e-mail (PUT /api/me/contact); the server validates and explains.
import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { problemText } from '../platform/problem-message.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { useUpdateContact } from './me.ts';
import type { ContactChange, Me } from './types.ts';

type FieldName = 'phone' | 'email';

export function ContactForm({ me }: { me: Me }) {
  const t = useT();
  const update = useUpdateContact();
  const [phone, setPhone] = useState(me.person.phone ?? '');
  const [email, setEmail] = useState(me.person.email ?? '');
  const [sent, setSent] = useState<FieldName[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Send only what changed, so a refusal can be shown at the one field it is about.
    const change: ContactChange = {};
    if (phone.trim() !== (me.person.phone ?? '')) change.phone = phone.trim() || null;
    if (email.trim() !== (me.person.email ?? '')) change.email = email.trim() || null;
    const fields = Object.keys(change) as FieldName[];
    const body = fields.length > 0 ? change : { phone: phone.trim() || null, email: email.trim() || null };
    setSent(fields.length > 0 ? fields : ['phone', 'email']);
    update.mutate(body);
  }

  function edit(setter: (value: string) => void) {
    return (value: string) => {
      setter(value);
      if (!update.isIdle) update.reset();
    };
  }

  const error = update.isError ? problemText(update.error, t) : undefined;
  const errorField = error && sent.length === 1 ? sent[0] : undefined;

  return (
    <Section title={t('contact.heading')}>
      <Paragraph>{t('contact.intro')}</Paragraph>
      {me.actingFor && <Paragraph>{t('contact.yours')}</Paragraph>}
      <form className="nl-form" noValidate onSubmit={submit}>
        <Textfield
          label={t('person.phone')}
          description={t('contact.phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(event) => edit(setPhone)(event.target.value)}
          error={errorField === 'phone' ? error : undefined}
        />
        <Textfield
          label={t('contact.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => edit(setEmail)(event.target.value)}
          error={errorField === 'email' ? error : undefined}
        />
        <div aria-live="polite" className="nl-form__status">
          {update.isSuccess && <Alert data-color="success">{t('contact.saved')}</Alert>}
          {error && !errorField && (
            <Alert data-color="danger">
              <Paragraph>{error}</Paragraph>
            </Alert>
          )}
        </div>
        <div>
          <Button type="submit" loading={update.isPending}>
            {t('contact.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
