// The outcome of a switch, given the focus: the new GP or the place on the waiting list, each child that was to move
// along (moved, waiting, or why not), and the way back to "Fastlegen din".
import { Alert, Heading, List } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { useT } from '../i18n/index.tsx';
import type { GpSummary, SwitchResult } from './gp-api.ts';
import { useGpWords } from './gp-words.ts';
import type { Mover } from './switch-panel.tsx';

export function SwitchDone({ result, gp, child, movers }: { result: SwitchResult; gp: GpSummary; child: string | null; movers: readonly Mover[] }) {
  const t = useT();
  const words = useGpWords();
  const heading = useRef<HTMLHeadingElement>(null);
  const name = displayName(gp.name, t);

  useEffect(() => heading.current?.focus(), [result]);

  const position = words.count(result.position ?? 0);
  const main =
    result.status === 'switched'
      ? child
        ? t('gp.switch.done.switchedFor', { gp: name, name: child })
        : t('gp.switch.done.switched', { gp: name })
      : child
        ? t('gp.switch.done.waitingFor', { position, name: child })
        : t('gp.switch.done.waiting', { position });

  return (
    <Alert data-color="success" className="nl-section">
      <Heading level={2} data-size="xs" ref={heading} tabIndex={-1}>
        {main}
      </Heading>
      {result.children.length > 0 && (
        <List.Unordered>
          {result.children.map((c) => {
            const childName = movers.find((m) => m.id === c.patientId)?.name ?? t('name.missing');
            const text =
              c.status === 'refused'
                ? t('gp.switch.done.childRefused', { name: childName, problem: words.childProblem(c.problem) })
                : c.status === 'switched'
                  ? t('gp.switch.done.childSwitched', { name: childName, gp: name })
                  : t('gp.switch.done.childWaiting', { name: childName, position: words.count(c.position ?? 0) });
            return <List.Item key={c.patientId}>{text}</List.Item>;
          })}
        </List.Unordered>
      )}
      <AppLink to="/fastlege">{t('gp.switch.done.back')}</AppLink>
    </Alert>
  );
}
