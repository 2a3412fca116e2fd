// Sets a GP's list ceiling (listetak): a whole number from 0, checked in words before sending; warns when it is below
// the list size (a reduction), and says the outcome: places given from the waiting list, or patients given an extra switch.
import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { FormStatus } from '../../platform/form-status.tsx';
import { Notice, useNotice } from '../../platform/notice.tsx';
import { useT } from '../../i18n/index.tsx';
import { useSetCeiling, type AdminGpList, type CeilingResult } from '../gp-api.ts';
import { useGpWords, type GpWords } from '../gp-words.ts';
import type { Translate } from '../../i18n/index.tsx';

/** The server's limit. */
const MAX_CEILING = 5000;

export function CeilingForm({ list }: { list: AdminGpList }) {
  const t = useT();
  const words = useGpWords();
  const save = useSetCeiling();
  const notice = useNotice();
  const [text, setText] = useState(String(list.ceiling));
  const [shown, setShown] = useState(false);
  const inputId = useId();
  const trimmed = text.replace(/\s+/g, '');
  const ceiling = /^\d+$/.test(trimmed) ? Number(trimmed) : null;
  const problem =
    ceiling === null ? t('gp.admin.ceiling.invalid') : ceiling > MAX_CEILING ? t('gp.admin.ceiling.tooHigh', { max: words.count(MAX_CEILING) }) : undefined;
  // Lowering the ceiling below the list size reduces the list; said before it is saved.
  const reduces = ceiling !== null && !problem && ceiling < list.listSize && ceiling < list.ceiling;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setShown(true);
    if (problem || ceiling === null) {
      document.getElementById(inputId)?.focus();
      return;
    }
    save.mutate(
      { practitionerId: list.practitionerId, ceiling },
      {
        onSuccess: (result) => {
          setText(String(result.list.ceiling));
          setShown(false);
          notice.show(outcome(result, t, words));
        },
      },
    );
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Textfield
        id={inputId}
        inputMode="numeric"
        autoComplete="off"
        label={t('gp.admin.ceiling.label')}
        description={t('gp.admin.ceiling.hint', { size: words.count(list.listSize), ceiling: words.count(list.ceiling) })}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={shown ? problem : undefined}
      />
      {reduces && <Paragraph data-size="sm">{t('gp.admin.ceiling.reduces', { size: words.count(list.listSize) })}</Paragraph>}
      <FormStatus error={save.isError ? save.error : null} />
      <div>
        <Button type="submit" variant="secondary" loading={save.isPending}>
          {t('gp.admin.ceiling.submit')}
        </Button>
      </div>
      <Notice notice={notice} />
    </form>
  );
}

/** "Listetaket er 1 200. 2 fikk plass fra ventelisten." / "… 3 pasienter får et ekstra bytte fordi listen ble redusert." */
function outcome(result: CeilingResult, t: Translate, words: GpWords): string {
  const parts = [t('gp.admin.ceiling.saved', { ceiling: words.count(result.list.ceiling) })];
  if (result.placed > 0) parts.push(words.plural(result.placed, 'gp.admin.ceiling.placed.one', 'gp.admin.ceiling.placed.other'));
  if (result.affected > 0) parts.push(words.plural(result.affected, 'gp.admin.ceiling.affected.one', 'gp.admin.ceiling.affected.other'));
  return parts.join(' ');
}
