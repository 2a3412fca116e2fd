// The clinician's side of the room: who waits (let in or turn away), guests invited, a phone request, running late,
// the identity check, inviting an interpreter or a relative, and ending the call (the appointment is then completed).
import { Alert, Button, Card, Field, Heading, Label, Paragraph, Radio, Fieldset, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { RoomView, VideoChat } from '../../shared/video-api.ts';
import { handOverChat } from '../journal/call-chat.ts';
import { AppLink } from '../platform/app-link.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { roleText } from './names.ts';
import { useAdmit, useEndCall, useIdentityCheck, useInvite, useLate, useRemove } from './video-api.ts';

const LATE_CHOICES = [0, 5, 10, 15, 20, 30, 45, 60];

const clock = (iso: string) => new Date(iso).toLocaleTimeString(document.documentElement.lang || 'nb', { hour: '2-digit', minute: '2-digit' });

export function ClinicianTools({ view, chat, onEnded }: { view: RoomView; chat: VideoChat[]; onEnded: () => void }) {
  const t = useT();
  const ended = view.status === 'ended';
  if (ended) return <AfterCall view={view} chat={chat} onEnded={onEnded} />;
  return (
    <div className="nl-stack">
      <WaitingList view={view} />
      {view.phoneRequest && (
        <Alert data-color="warning" role="status">
          <Paragraph>{view.phoneRequest.phone ? t('video.clinician.phoneRequestAt', { phone: view.phoneRequest.phone, time: clock(view.phoneRequest.at) }) : t('video.clinician.phoneRequest', { time: clock(view.phoneRequest.at) })}</Paragraph>
        </Alert>
      )}
      <div className="nl-video-tools">
        <LateForm view={view} />
        <IdentityCheck view={view} />
      </div>
      <InviteForm view={view} />
      <EndCall view={view} />
    </div>
  );
}

function WaitingList({ view }: { view: RoomView }) {
  const t = useT();
  const admit = useAdmit(view.appointmentId);
  const remove = useRemove(view.appointmentId);
  return (
    <Section title={t('video.clinician.waiting')}>
      <div aria-live="polite">
        {view.waiting.length === 0 ? (
          <Paragraph>{t('video.clinician.nobodyWaiting')}</Paragraph>
        ) : (
          <ul className="nl-appointments">
            {view.waiting.map((w) => (
              <li key={w.participantId}>
                <Card data-color="neutral" className="nl-appointment">
                  <Heading level={3} data-size="xs" id={`waiting-${w.participantId}`}>
                    {w.displayName} ({roleText(w.role, t)})
                  </Heading>
                  {w.since && <Paragraph data-size="sm">{t('video.clinician.waitingSince', { time: clock(w.since) })}</Paragraph>}
                  <div className="nl-actions">
                    <Button aria-describedby={`waiting-${w.participantId}`} loading={admit.isPending && admit.variables === w.participantId} onClick={() => admit.mutate(w.participantId)}>
                      {t('video.clinician.admit')}
                    </Button>
                    <Button variant="secondary" data-color="danger" aria-describedby={`waiting-${w.participantId}`} onClick={() => remove.mutate(w.participantId)}>
                      {t('video.clinician.reject')}
                    </Button>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {view.invited.length > 0 && <Paragraph data-size="sm">{t('video.clinician.invitedNotArrived', { names: view.invited.map((i) => `${i.displayName} (${roleText(i.role, t)})`).join(', ') })}</Paragraph>}
        {(admit.isError || remove.isError) && (
          <Alert data-color="danger">
            <Paragraph>{problemText(admit.error ?? remove.error, t)}</Paragraph>
          </Alert>
        )}
      </div>
    </Section>
  );
}

function LateForm({ view }: { view: RoomView }) {
  const t = useT();
  const late = useLate(view.appointmentId);
  const id = useId();
  const [minutes, setMinutes] = useState(view.lateMinutes);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!late.isPending) late.mutate(minutes);
  }
  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Field>
        <Label htmlFor={id}>{t('video.clinician.late')}</Label>
        <Select id={id} value={String(minutes)} onChange={(e) => setMinutes(Number(e.target.value))}>
          {LATE_CHOICES.map((m) => (
            <Select.Option key={m} value={String(m)}>
              {m === 0 ? t('video.clinician.onTime') : t('video.clinician.lateMinutes', { minutes: m })}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div aria-live="polite" className="nl-form__status">
        {late.isSuccess && <Paragraph data-size="sm">{t('video.clinician.lateSaved')}</Paragraph>}
        {late.isError && <Paragraph className="nl-error-text">{problemText(late.error, t)}</Paragraph>}
      </div>
      <div>
        <Button type="submit" variant="secondary" loading={late.isPending}>
          {t('video.clinician.lateSave')}
        </Button>
      </div>
    </form>
  );
}

function IdentityCheck({ view }: { view: RoomView }) {
  const t = useT();
  const check = useIdentityCheck(view.appointmentId);
  return (
    <div className="nl-form" aria-live="polite">
      <Paragraph>{t('video.clinician.identityIntro')}</Paragraph>
      {view.identityCheckedAt ? (
        <Paragraph>{t('video.clinician.identityChecked', { time: clock(view.identityCheckedAt) })}</Paragraph>
      ) : (
        <div>
          <Button variant="secondary" loading={check.isPending} onClick={() => !check.isPending && check.mutate()}>
            {t('video.clinician.identityCheck')}
          </Button>
        </div>
      )}
      {check.isError && <Paragraph className="nl-error-text">{problemText(check.error, t)}</Paragraph>}
    </div>
  );
}

function InviteForm({ view }: { view: RoomView }) {
  const t = useT();
  const invite = useInvite(view.appointmentId);
  const name = useId();
  const [role, setRole] = useState<'interpreter' | 'relative'>('interpreter');
  const [displayName, setDisplayName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending) return;
    const trimmed = displayName.trim();
    if (!trimmed) return setProblem(t('video.invite.nameMissing'));
    setProblem(undefined);
    setCopied(false);
    invite.mutate({ role, displayName: trimmed }, { onSuccess: () => setDisplayName('') });
  }

  useEffect(() => {
    if (invite.data) linkRef.current?.focus();
  }, [invite.data]);

  async function copy() {
    if (!invite.data) return;
    await navigator.clipboard?.writeText(invite.data.url).then(
      () => setCopied(true),
      () => linkRef.current?.select(),
    );
  }

  return (
    <Section title={t('video.invite.heading')}>
      <form className="nl-form" noValidate onSubmit={submit}>
        <Fieldset>
          <Fieldset.Legend>{t('video.invite.role')}</Fieldset.Legend>
          <Radio name={name} value="interpreter" label={t('video.role.interpreter')} checked={role === 'interpreter'} onChange={() => setRole('interpreter')} />
          <Radio name={name} value="relative" label={t('video.role.relative')} checked={role === 'relative'} onChange={() => setRole('relative')} />
        </Fieldset>
        <Textfield label={t('video.invite.name')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={problem} maxLength={80} />
        <div>
          <Button type="submit" variant="secondary" loading={invite.isPending}>
            {t('video.invite.create')}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="nl-form__status">
        {invite.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(invite.error, t)}</Paragraph>
          </Alert>
        )}
        {invite.data && (
          <div className="nl-form">
            <Textfield ref={linkRef} label={t('video.invite.link', { name: invite.data.displayName })} description={t('video.invite.linkHint')} readOnly value={invite.data.url} onFocus={(e) => e.target.select()} />
            <div>
              <Button variant="secondary" onClick={() => void copy()}>
                {t('video.invite.copy')}
              </Button>
            </div>
            {copied && <Paragraph data-size="sm">{t('video.invite.copied')}</Paragraph>}
          </div>
        )}
      </div>
    </Section>
  );
}

function EndCall({ view }: { view: RoomView }) {
  const t = useT();
  const end = useEndCall(view.appointmentId);
  return (
    <div className="nl-actions">
      <Button data-color="danger" loading={end.isPending} onClick={() => !end.isPending && end.mutate()}>
        {t('video.clinician.end')}
      </Button>
      {end.isError && <Paragraph className="nl-error-text">{problemText(end.error, t)}</Paragraph>}
    </div>
  );
}

/** The call is over: the appointment is completed, and the clinician is taken to its journal note, with the chat. */
function AfterCall({ view, chat, onEnded }: { view: RoomView; chat: VideoChat[]; onEnded: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const completed = view.endedReason === 'completed';
  const notePath = `/ansatt/timer/${view.appointmentId}/journal`;
  const lines = useRef<string[]>([]);
  lines.current = chat.map((m) => `${clock(m.at)} ${m.displayName} (${roleText(m.role, t)}): ${m.text}`);
  useEffect(() => {
    onEnded();
    if (!completed) return ref.current?.focus();
    handOverChat(view.appointmentId, lines.current);
    navigate(notePath);
  }, [onEnded, completed, navigate, notePath, view.appointmentId]);
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert data-color="success">
        <Heading level={2} data-size="xs">
          {t(completed ? 'video.clinician.ended' : 'video.clinician.closed')}
        </Heading>
        {completed && <Paragraph>{t('video.clinician.journal')}</Paragraph>}
        {completed && (
          <Paragraph>
            <AppLink to={notePath}>{t('video.clinician.toJournal')}</AppLink>
          </Paragraph>
        )}
        {view.patient && (
          <Paragraph>
            <AppLink to={`/ansatt/pasient/${view.patient.id}`}>{t('video.clinician.toPatient', { name: view.patient.name ?? t('name.missing') })}</AppLink>
          </Paragraph>
        )}
      </Alert>
    </div>
  );
}
