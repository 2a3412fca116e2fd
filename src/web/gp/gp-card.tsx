// One GP found: name, office, municipality, list size against the ceiling, free places or the waiting list, gender and
// languages; "Velg <name>" opens the confirmation in the card, and closing it puts the focus back on that button.
import { Button, Card, Heading, Tag } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { displayName } from '../identity/display-name.ts';
import { Facts, type Fact } from '../platform/facts.tsx';
import { useT } from '../i18n/index.tsx';
import type { GpSummary, MyGp, SwitchResult } from './gp-api.ts';
import { useGpWords } from './gp-words.ts';
import { SwitchPanel, type Mover } from './switch-panel.tsx';

export interface GpCardProps {
  gp: GpSummary;
  mine: MyGp;
  child: string | null;
  movers: readonly Mover[];
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onDone: (result: SwitchResult) => void;
}

export function GpCard({ gp, mine, child, movers, open, onOpen, onClose, onDone }: GpCardProps) {
  const t = useT();
  const words = useGpWords();
  const headingId = useId();
  const chooseRef = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  const name = displayName(gp.name, t);
  const current = mine.gp?.practitionerId === gp.practitionerId;
  const waitingHere = mine.waiting?.practitionerId === gp.practitionerId;
  const choosable = mine.mayChoose && gp.status === 'active' && !current && !waitingHere;

  useEffect(() => {
    // "Avbryt" puts the focus back on the button that opened the confirmation. A switch made leaves it to the outcome,
    // which takes the focus itself (the button is about to go: the GP is now the patient's, or waited for).
    if (!open && cancelled.current) {
      cancelled.current = false;
      chooseRef.current?.focus();
    }
  }, [open]);

  function cancel() {
    cancelled.current = true;
    onClose();
  }

  const facts: Fact[] = [
    [t('gp.fact.office'), gp.office.name],
    [t('gp.fact.municipality'), gp.office.municipality ?? t('common.notSet')],
    [t('gp.find.listSizeLabel'), t('gp.find.listSize', { size: words.count(gp.listSize), ceiling: words.count(gp.ceiling) })],
  ];
  const gender = words.gender(gp.gender);
  if (gender) facts.push([t('gp.fact.gender'), gender]);
  const languages = words.languages(gp.languages);
  if (languages) facts.push([t('gp.fact.languages'), languages]);

  return (
    <li>
      <Card data-color="neutral" className="nl-gp-card">
        <Heading level={3} data-size="xs" id={headingId}>
          {name}
        </Heading>
        <span className="nl-tags">
          {gp.status === 'quit' ? (
            <Tag data-color="neutral">{t('gp.find.quit')}</Tag>
          ) : (
            <Tag data-color={gp.freePlaces > 0 ? 'success' : 'warning'}>{words.places(gp)}</Tag>
          )}
          {current && <Tag data-color="info">{child ? t('gp.find.currentFor', { name: child }) : t('gp.find.current')}</Tag>}
          {waitingHere && <Tag data-color="info">{t('gp.find.waitingHere', { position: mine.waiting?.position ?? '–' })}</Tag>}
        </span>
        <Facts items={facts} />
        {choosable &&
          (open ? (
            <SwitchPanel gp={gp} mine={mine} child={child} movers={movers} onClose={cancel} onDone={onDone} />
          ) : (
            <div>
              <Button ref={chooseRef} variant="secondary" aria-describedby={headingId} onClick={onOpen}>
                {t('gp.find.choose', { name })}
              </Button>
            </div>
          ))}
      </Card>
    </li>
  );
}
