// The confirmation before a switch, inside the chosen GP's card: which right it uses (from /api/gp/mine), that a full
// list means the waiting list, the children under 16 who may move along, an optional reason; then the switch under
// one Idempotency-Key per submission.
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { keyKeeper } from '../booking/idempotency.ts';
import { displayName } from '../identity/display-name.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { useSwitchGp, type GpSummary, type MyGp, type SwitchRequest, type SwitchResult } from './gp-api.ts';
import { useGpWords, type GpWords } from './gp-words.ts';
import { ORDINARY_SWITCHES } from './switches-section.tsx';

/** A child who may move to the same GP with the parent. */
export interface Mover {
  id: string;
  name: string;
  /** On the parent's GP's list (or on none): children under 16 follow a parent's GP, so they are chosen at first. */
  followsParent: boolean;
}

const MAX_REASON = 500;

export interface SwitchPanelProps {
  gp: GpSummary;
  mine: MyGp;
  child: string | null;
  movers: readonly Mover[];
  onClose: () => void;
  onDone: (result: SwitchResult) => void;
}

export function SwitchPanel({ gp, mine, child, movers, onClose, onDone }: SwitchPanelProps) {
  const t = useT();
  const words = useGpWords();
  const switchGp = useSwitchGp();
  const [keys] = useState(keyKeeper);
  const [reason, setReason] = useState('');
  const [along, setAlong] = useState<string[]>(() => movers.filter((m) => m.followsParent).map((m) => m.id));
  const [reasonProblem, setReasonProblem] = useState<string | undefined>();
  const reasonId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const name = displayName(gp.name, t);
  const returnRight = mine.switches.returnRights.some((r) => r.practitionerId === gp.practitionerId);
  const full = gp.freePlaces === 0 && !returnRight;
  const none = mine.gp !== null && !returnRight && mine.switches.extra.length === 0 && mine.switches.ordinaryLeft === 0;

  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (switchGp.isPending) return;
    const problem = reason.length > MAX_REASON ? t('gp.switch.reasonTooLong', { max: MAX_REASON }) : undefined;
    setReasonProblem(problem);
    if (problem) {
      document.getElementById(reasonId)?.focus();
      return;
    }
    const request: SwitchRequest = { practitionerId: gp.practitionerId, patientId: mine.patientId };
    if (reason.trim()) request.reason = reason.trim();
    if (along.length) request.children = along;
    // The refetch after the switch can take this panel away (the GP is now the patient's, or waited for) before a
    // callback given to mutate would run; the outcome belongs to the page.
    mutateThen(switchGp, { request, idempotencyKey: keys.keyFor(request) }, onDone);
  }

  return (
    <form className="nl-form nl-gp-panel" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Heading level={4} data-size="2xs" id={headingId} ref={heading} tabIndex={-1}>
        {child ? t('gp.switch.headingFor', { gp: name, name: child }) : t('gp.switch.heading', { gp: name })}
      </Heading>
      {none ? (
        <Alert data-color="warning">
          <Paragraph>{t('gp.switch.noneLeft', { year: mine.switches.year })}</Paragraph>
        </Alert>
      ) : (
        <Paragraph>{rightText(mine, gp, returnRight, t, words)}</Paragraph>
      )}
      {full && <Paragraph>{t('gp.switch.fullList', { gp: name, position: words.count(gp.waitingCount + 1) })}</Paragraph>}
      {mine.waiting && <Paragraph>{t('gp.switch.replacesWaiting', { gp: displayName(mine.waiting.gpName, t) })}</Paragraph>}
      {movers.length > 0 && (
        <Fieldset>
          <Fieldset.Legend>{t('gp.switch.childrenLegend')}</Fieldset.Legend>
          <Fieldset.Description>{t('gp.switch.childrenHint')}</Fieldset.Description>
          {movers.map((m) => (
            <Checkbox
              key={m.id}
              label={m.name}
              value={m.id}
              checked={along.includes(m.id)}
              onChange={(e) => setAlong((now) => (e.target.checked ? [...now, m.id] : now.filter((id) => id !== m.id)))}
            />
          ))}
        </Fieldset>
      )}
      <Textfield
        id={reasonId}
        multiline
        rows={3}
        label={t('gp.switch.reason')}
        description={t('gp.switch.reasonHint')}
        counter={{ limit: MAX_REASON, under: t('gp.switch.reasonLeft'), over: t('gp.switch.reasonOver') }}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonProblem}
      />
      <FormStatus error={switchGp.isError ? switchGp.error : null} />
      <div className="nl-actions">
        <Button type="submit" loading={switchGp.isPending}>
          {t('gp.switch.submit')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('gp.switch.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Which right the switch uses, as the server decides it: none for a first GP, a return right, an extra switch, an ordinary one. */
function rightText(mine: MyGp, gp: GpSummary, returnRight: boolean, t: Translate, words: GpWords): string {
  const { switches } = mine;
  const left = { left: switches.ordinaryLeft, total: ORDINARY_SWITCHES, year: switches.year };
  if (mine.gp === null) return t('gp.switch.first');
  if (returnRight) return t('gp.switch.returnRight', { gp: displayName(gp.name, t) });
  const extra = switches.extra[0];
  if (extra) return t('gp.switch.extra', { reason: words.extraReason(extra.reason), ...left });
  return t('gp.switch.ordinary', left);
}
