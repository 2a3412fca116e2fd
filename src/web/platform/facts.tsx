// A short list of labelled facts (name, number, phone …) as a description list that reflows on narrow screens.
import type { ReactNode } from 'react';

export type Fact = readonly [label: string, value: ReactNode];

export function Facts({ items }: { items: readonly Fact[] }) {
  return (
    <dl className="nl-facts">
      {items.map(([label, value]) => (
        <div key={label} className="nl-facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
