// "Barn du kan handle for": each child, and the button to act on the child's behalf where the guardian may.
import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { focusMain } from '../platform/focus.ts';
import { problemText } from '../platform/problem-message.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { useActFor } from './me.ts';
import type { Child, Me } from './types.ts';

// From 16 a child handles their own health matters; the server decides, this only explains the missing button.
const OWN_AFFAIRS_AGE = 16;

export function ChildrenSection({ me }: { me: Me }) {
  const t = useT();
  const format = useFormat();
  const actFor = useActFor();
  if (me.children.length === 0) return null;
  const actingForId = me.actingFor?.id ?? null;

  function note(child: Child): string {
    if (child.id === actingForId) return t('children.current');
    if (child.age >= OWN_AFFAIRS_AGE) return t('children.from16');
    return t('children.cannotAct');
  }

  return (
    <Section title={t('children.heading')}>
      <ul className="nl-card-list">
        {me.children.map((child) => {
          const name = displayName(child.name, t);
          const canAct = child.canActFor && child.age < OWN_AFFAIRS_AGE && child.id !== actingForId;
          return (
            <li key={child.id}>
              <Card data-color="neutral">
                <Heading level={3} data-size="2xs">
                  {name}
                </Heading>
                <Paragraph data-size="sm">
                  {format.age(child.age)} · {t('person.nationalId')} {child.maskedNationalId}
                </Paragraph>
                {canAct ? (
                  <div>
                    {child.access === 'limited' && <Paragraph data-size="sm">{t('children.limited')}</Paragraph>}
                    <Button
                      data-color="accent"
                      variant="secondary"
                      loading={actFor.isPending && actFor.variables === child.id}
                      disabled={actFor.isPending}
                      onClick={() => actFor.mutate(child.id, { onSuccess: focusMain })}
                    >
                      {t('actingFor.actFor', { name })}
                    </Button>
                  </div>
                ) : (
                  <Paragraph data-size="sm">{note(child)}</Paragraph>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
      {actFor.isError && (
        <Paragraph role="alert" className="nl-error-text">
          {problemText(actFor.error, t)}
        </Paragraph>
      )}
    </Section>
  );
}
