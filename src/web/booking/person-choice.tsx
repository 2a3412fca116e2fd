// "For whom": the logged-in patient or a child they may act for, as a radio group; used by booking and drop-in.
import { Fieldset, Radio } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { displayName } from '../identity/display-name.ts';
import type { Me } from '../identity/types.ts';
import { useT, type Translate } from '../i18n/index.tsx';

export interface Person {
  id: string;
  name: string;
}

/** The patient first, then each child the server says they may act for. */
export function peopleOf(me: Me, t: Translate): Person[] {
  return [
    { id: me.person.id, name: displayName(me.person.name, t) },
    ...me.children.filter((c) => c.canActFor).map((c) => ({ id: c.id, name: displayName(c.name, t) })),
  ];
}

export interface PersonChoiceProps {
  people: Person[];
  value: string;
  selfId: string;
  onChange: (id: string) => void;
  legend: string;
}

export function PersonChoice({ people, value, selfId, onChange, legend }: PersonChoiceProps) {
  const t = useT();
  const name = useId();
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {people.map((p) => (
        <Radio
          key={p.id}
          name={name}
          value={p.id}
          label={p.id === selfId ? t('booking.forSelf', { name: p.name }) : p.name}
          checked={value === p.id}
          onChange={() => onChange(p.id)}
        />
      ))}
    </Fieldset>
  );
}
