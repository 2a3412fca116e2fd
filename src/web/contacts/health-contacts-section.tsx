// "Helsekontakter" on the staff's patient page: the clinicians assigned to the patient at the clinic (role, since when,
// by whom), a form for clinicians and clinic admins to assign one, and "Avslutt" per contact; reception sees the list.
import { Button, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { displayName } from '../identity/display-name.ts';
import { professionText, capitalise } from '../messages/message-text.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useAssignHealthContact, useEndHealthContact, useHealthContacts, type HealthContactRole, type StaffHealthContacts } from './contacts-api.ts';
import './contacts.css';
import { mutateThen } from '../platform/mutate-then.ts';

const ROLES: readonly HealthContactRole[] = ['care_coordinator', 'contact_person'];

export function HealthContactsSection({ patientId }: { patientId: string }) {
  const t = useT();
  const contacts = useHealthContacts(patientId);
  const notice = useNotice();
  return (
    <Section title={t('healthContacts.title')}>
      <Paragraph data-size="sm">{t('healthContacts.intro')}</Paragraph>
      <QueryState query={contacts} loginKind="staff">
        {(view) => (
          <>
            <ContactList view={view} patientId={patientId} onDone={notice.show} />
            <Notice notice={notice} />
            {view.mayAssign ? <AssignForm view={view} patientId={patientId} onDone={notice.show} /> : <Paragraph data-size="sm">{t('healthContacts.readOnly')}</Paragraph>}
          </>
        )}
      </QueryState>
    </Section>
  );
}

function ContactList({ view, patientId, onDone }: { view: StaffHealthContacts; patientId: string; onDone: (text: string) => void }) {
  const t = useT();
  const format = useFormat();
  const end = useEndHealthContact(patientId);
  if (view.contacts.length === 0) return <Paragraph>{t('healthContacts.none')}</Paragraph>;
  return (
    <>
      <ul className="nl-health-contacts">
        {view.contacts.map((c) => {
          const name = displayName(c.name, t);
          const role = t(`healthContacts.roleText.${c.role}`);
          return (
            <li key={c.id}>
              <strong>{name}</strong>
              <span>
                {t(`healthContacts.role.${c.role}`)} · {capitalise(professionText(c.profession, t))}
              </span>
              <span className="nl-muted">{t('healthContacts.since', { date: format.date(c.assignedAt), name: displayName(c.assignedBy, t) })}</span>
              {view.mayAssign && (
                <Button
                  type="button"
                  variant="secondary"
                  data-size="sm"
                  aria-label={t('healthContacts.endLabel', { name, role })}
                  loading={end.isPending && end.variables === c.id}
                  onClick={() => !end.isPending && mutateThen(end, c.id, () => onDone(t('healthContacts.ended', { name, role })))}
                >
                  {t('healthContacts.end')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <FormStatus error={end.isError ? end.error : null} />
    </>
  );
}

function AssignForm({ view, patientId, onDone }: { view: StaffHealthContacts; patientId: string; onDone: (text: string) => void }) {
  const t = useT();
  const assign = useAssignHealthContact(patientId);
  const [practitionerId, setPractitionerId] = useState('');
  const [role, setRole] = useState<HealthContactRole | ''>('');
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const roleName = useId();
  const ids = { clinician: useId(), role: useId() };
  const problems = {
    clinician: practitionerId ? undefined : t('healthContacts.assign.clinicianMissing'),
    role: role ? undefined : t('healthContacts.assign.roleMissing'),
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (assign.isPending) return;
    setShown(true);
    const first = (['clinician', 'role'] as const).find((k) => problems[k]);
    if (first || !role) return document.getElementById(ids[first ?? 'role'])?.focus();
    const name = displayName(view.clinicians.find((c) => c.practitionerId === practitionerId)?.name, t);
    assign.mutate(
      { practitionerId, role },
      {
        onSuccess: () => {
          onDone(t('healthContacts.assign.done', { name, role: t(`healthContacts.roleText.${role}`) }));
          setPractitionerId('');
          setRole('');
          setShown(false);
        },
      },
    );
  }

  if (view.clinicians.length === 0) return <Paragraph>{t('healthContacts.assign.noClinicians')}</Paragraph>;
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={3} data-size="xs">
        {t('healthContacts.assign.title')}
      </Heading>
      <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
        <Field>
          <Label htmlFor={ids.clinician}>{t('healthContacts.assign.clinician')}</Label>
          <Select id={ids.clinician} value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} aria-invalid={shown && problems.clinician ? true : undefined}>
            <Select.Option value="">{t('healthContacts.assign.choose')}</Select.Option>
            {view.clinicians.map((c) => (
              <Select.Option key={c.practitionerId} value={c.practitionerId}>
                {t('healthContacts.assign.option', { name: displayName(c.name, t), profession: professionText(c.profession, t) })}
              </Select.Option>
            ))}
          </Select>
          {shown && problems.clinician && <ValidationMessage>{problems.clinician}</ValidationMessage>}
        </Field>
        <Fieldset id={ids.role} tabIndex={-1}>
          <Fieldset.Legend>{t('healthContacts.assign.role')}</Fieldset.Legend>
          {ROLES.map((r) => (
            <Radio
              key={r}
              name={roleName}
              value={r}
              label={t(`healthContacts.role.${r}`)}
              description={t(`healthContacts.roleHint.${r}`)}
              checked={role === r}
              onChange={() => setRole(r)}
              aria-invalid={shown && problems.role ? true : undefined}
            />
          ))}
          {shown && problems.role && <ValidationMessage>{problems.role}</ValidationMessage>}
        </Fieldset>
        <FormStatus error={assign.isError ? assign.error : null} />
        <div>
          <Button type="submit" loading={assign.isPending}>
            {t('healthContacts.assign.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
