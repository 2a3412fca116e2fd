// The weekly rules as a form: blocks of weekday, hours, lunch break, visit types, slot length and buffer; saving replaces the set.
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { VISIT_TYPES, type VisitType } from '../booking/types.ts';
import { AppLink } from '../platform/app-link.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT, type Translate } from '../i18n/index.tsx';
import { AffectedList } from './affected-list.tsx';
import { byWeekdayAndStart } from './rules-view.tsx';
import { useReplaceRules } from './schedule-api.ts';
import type { AffectedAppointment, ClinicianSchedule, Rule, RuleInput } from './types.ts';
import { WeekdaySelect } from './weekday-select.tsx';

const DEFAULT_SLOT_MINUTES = 15;

/** One block as typed: numbers stay text until saved, so a half-typed field is not turned into 0. */
interface Draft {
  key: string;
  weekday: number;
  startTime: string;
  endTime: string;
  breakStart: string;
  breakEnd: string;
  visitTypes: VisitType[];
  slotMinutes: string;
  bufferMinutes: string;
  /** Kept as they were: the form edits the week, not the period a rule is valid for. */
  validFrom: string | undefined;
  validTo: string | null | undefined;
}

type Problems = Partial<Record<'time' | 'break' | 'visitTypes' | 'slot' | 'buffer', string>>;

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;
const blockId = (key: string) => `rule-block-${key}`;
const ADD_BUTTON_ID = 'rule-block-add';

function draftOf(rule: Rule): Draft {
  return {
    key: rule.id,
    weekday: rule.weekday,
    startTime: rule.startTime,
    endTime: rule.endTime,
    breakStart: rule.breakStart ?? '',
    breakEnd: rule.breakEnd ?? '',
    visitTypes: rule.visitTypes,
    slotMinutes: String(rule.slotMinutes),
    bufferMinutes: String(rule.bufferMinutes),
    validFrom: rule.validFrom,
    validTo: rule.validTo,
  };
}

function blankDraft(weekday: number): Draft {
  return { key: newKey(), weekday, startTime: '08:00', endTime: '16:00', breakStart: '', breakEnd: '', visitTypes: [...VISIT_TYPES], slotMinutes: String(DEFAULT_SLOT_MINUTES), bufferMinutes: '0', validFrom: undefined, validTo: undefined };
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const TIME = /^\d{2}:\d{2}$/;

/** What is wrong with a block, per field, in the user's language; the server checks again (overlaps among them). */
export function draftProblems(d: Draft, t: Translate): Problems {
  const problems: Problems = {};
  if (!TIME.test(d.startTime) || !TIME.test(d.endTime) || minutes(d.endTime) <= minutes(d.startTime)) problems.time = t('schedule.problem.time');
  const hasBreak = d.breakStart !== '' || d.breakEnd !== '';
  if (hasBreak) {
    const inside =
      TIME.test(d.breakStart) && TIME.test(d.breakEnd) && minutes(d.breakStart) < minutes(d.breakEnd) && minutes(d.breakStart) >= minutes(d.startTime) && minutes(d.breakEnd) <= minutes(d.endTime);
    if (!inside) problems.break = t('schedule.problem.break');
  }
  if (d.visitTypes.length === 0) problems.visitTypes = t('schedule.problem.visitTypes');
  const slot = Number(d.slotMinutes);
  if (!/^\d+$/.test(d.slotMinutes) || slot < 5 || slot > 240) problems.slot = t('schedule.problem.slot');
  else if (!problems.time && slot > minutes(d.endTime) - minutes(d.startTime)) problems.slot = t('schedule.problem.slotTooLong');
  const buffer = Number(d.bufferMinutes);
  if (!/^\d+$/.test(d.bufferMinutes) || buffer > 120) problems.buffer = t('schedule.problem.buffer');
  return problems;
}

function inputOf(d: Draft): RuleInput {
  return {
    weekday: d.weekday,
    startTime: d.startTime,
    endTime: d.endTime,
    breakStart: d.breakStart || null,
    breakEnd: d.breakEnd || null,
    visitTypes: VISIT_TYPES.filter((v) => d.visitTypes.includes(v)),
    slotMinutes: Number(d.slotMinutes),
    bufferMinutes: Number(d.bufferMinutes),
    ...(d.validFrom ? { validFrom: d.validFrom } : {}),
    ...(d.validTo !== undefined ? { validTo: d.validTo } : {}),
  };
}

export function RulesForm({ clinician, timeZone }: { clinician: ClinicianSchedule; timeZone: string }) {
  const t = useT();
  const save = useReplaceRules();
  const [drafts, setDrafts] = useState<Draft[]>(() => [...clinician.rules].sort(byWeekdayAndStart).map(draftOf));
  const [shown, setShown] = useState(false);
  // A new object each time, so focusing the same block twice runs the effect twice.
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const problems = drafts.map((d) => draftProblems(d, t));
  const invalid = problems.some((p) => Object.keys(p).length > 0);

  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  useEffect(() => {
    if (save.isSuccess || save.isError) resultRef.current?.focus();
  }, [save.isSuccess, save.isError, save.submittedAt]);

  function change(key: string, patch: Partial<Draft>) {
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...patch } : d)));
    if (!save.isIdle) save.reset();
  }

  function add() {
    const last = drafts.at(-1);
    const draft = blankDraft(last ? Math.min(7, last.weekday + 1) : 1);
    setDrafts((all) => [...all, draft]);
    setFocusTarget({ id: blockId(draft.key) });
    if (!save.isIdle) save.reset();
  }

  function remove(key: string) {
    const index = drafts.findIndex((d) => d.key === key);
    setDrafts((all) => all.filter((d) => d.key !== key));
    // Focus goes to the block that takes its place, or to the add button when none is left.
    const next = drafts[index + 1] ?? drafts[index - 1];
    setFocusTarget({ id: next ? blockId(next.key) : ADD_BUTTON_ID });
    if (!save.isIdle) save.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown(true);
    if (invalid || save.isPending) return;
    save.mutate({ practitionerId: clinician.id, rules: drafts.map(inputOf) });
  }

  return (
    <form className="nl-stack" noValidate onSubmit={submit}>
      {drafts.length === 0 && <Paragraph>{t('schedule.noRules')}</Paragraph>}
      <ol className="nl-schedule-blocks">
        {drafts.map((d, i) => (
          <li key={d.key}>
            <RuleBlock draft={d} index={i} problems={shown ? problems[i]! : {}} onChange={(patch) => change(d.key, patch)} onRemove={() => remove(d.key)} />
          </li>
        ))}
      </ol>
      <div className="nl-actions">
        <Button type="button" variant="secondary" id={ADD_BUTTON_ID} onClick={add}>
          {t('schedule.addBlock')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('schedule.saveRules')}
        </Button>
      </div>
      <div aria-live="polite" className="nl-form__status" ref={resultRef} tabIndex={-1}>
        {shown && invalid && (
          <Alert data-color="danger">
            <Paragraph>{t('schedule.problem.fix')}</Paragraph>
          </Alert>
        )}
        {save.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(save.error, t)}</Paragraph>
          </Alert>
        )}
        {save.isSuccess && <Saved outsideHours={save.data.outsideHours} timeZone={timeZone} />}
      </div>
    </form>
  );
}

interface RuleBlockProps {
  draft: Draft;
  index: number;
  problems: Problems;
  onChange: (patch: Partial<Draft>) => void;
  onRemove: () => void;
}

function RuleBlock({ draft, index, problems, onChange, onRemove }: RuleBlockProps) {
  const t = useT();
  const visitTypesError = useId();
  return (
    <Fieldset className="nl-schedule-block" id={blockId(draft.key)} tabIndex={-1}>
      <Fieldset.Legend>{t('schedule.block', { number: index + 1 })}</Fieldset.Legend>
      <div className="nl-schedule-fields">
        <WeekdaySelect value={draft.weekday} onChange={(weekday) => onChange({ weekday })} />
        <Textfield type="time" label={t('schedule.start')} value={draft.startTime} onChange={(e) => onChange({ startTime: e.target.value })} error={problems.time} />
        <Textfield type="time" label={t('schedule.end')} value={draft.endTime} onChange={(e) => onChange({ endTime: e.target.value })} />
        <Textfield type="time" label={t('schedule.breakStart')} description={t('schedule.breakHint')} value={draft.breakStart} onChange={(e) => onChange({ breakStart: e.target.value })} error={problems.break} />
        <Textfield type="time" label={t('schedule.breakEnd')} value={draft.breakEnd} onChange={(e) => onChange({ breakEnd: e.target.value })} />
        <Textfield type="number" inputMode="numeric" min={5} max={240} label={t('schedule.slotMinutes')} value={draft.slotMinutes} onChange={(e) => onChange({ slotMinutes: e.target.value })} error={problems.slot} />
        <Textfield type="number" inputMode="numeric" min={0} max={120} label={t('schedule.bufferMinutes')} description={t('schedule.bufferHint')} value={draft.bufferMinutes} onChange={(e) => onChange({ bufferMinutes: e.target.value })} error={problems.buffer} />
      </div>
      <Fieldset data-size="sm" aria-describedby={problems.visitTypes ? visitTypesError : undefined}>
        <Fieldset.Legend>{t('schedule.visitTypes')}</Fieldset.Legend>
        {VISIT_TYPES.map((v) => (
          <Checkbox
            key={v}
            label={t(`booking.visitType.${v}`)}
            checked={draft.visitTypes.includes(v)}
            aria-invalid={problems.visitTypes ? true : undefined}
            onChange={(e) => onChange({ visitTypes: e.target.checked ? [...draft.visitTypes, v] : draft.visitTypes.filter((x) => x !== v) })}
          />
        ))}
        {problems.visitTypes && <ValidationMessage id={visitTypesError}>{problems.visitTypes}</ValidationMessage>}
      </Fieldset>
      <div>
        <Button type="button" variant="tertiary" data-color="danger" data-size="sm" onClick={onRemove}>
          {t('schedule.removeBlock', { number: index + 1 })}
        </Button>
      </div>
    </Fieldset>
  );
}

function Saved({ outsideHours, timeZone }: { outsideHours: AffectedAppointment[]; timeZone: string }) {
  const t = useT();
  if (outsideHours.length === 0) {
    return (
      <Alert data-color="success">
        <Paragraph>{t('schedule.saved')}</Paragraph>
      </Alert>
    );
  }
  return (
    <Alert data-color="warning" className="nl-section">
      <Heading level={3} data-size="2xs">
        {t('schedule.savedOutside', { count: outsideHours.length })}
      </Heading>
      <AffectedList affected={outsideHours} timeZone={timeZone} />
      <Paragraph>
        <AppLink to="/ansatt/dagsliste">{t('dayList.link')}</AppLink>
      </Paragraph>
    </Alert>
  );
}
