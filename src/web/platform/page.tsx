// One page's frame: the document title and the page's single h1, followed by its content.
import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  return (
    <>
      <title>{`${title} – ${t('app.name')}`}</title>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {children}
    </>
  );
}
