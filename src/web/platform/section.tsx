// A titled part of a page: an h2 (or deeper) over its content, so headings run in order.
import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

export function Section({ title, level = 2, children }: { title: string; level?: 2 | 3; children: ReactNode }) {
  return (
    <section className="nl-section">
      <Heading level={level} data-size={level === 2 ? 'sm' : 'xs'}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
