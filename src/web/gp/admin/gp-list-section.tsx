// One GP's list for the clinic admin: the ceiling form, and "Vis liste", which fetches (and so logs) who is on the list
// and who waits only when asked.
import { Button, Heading } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { displayName } from '../../identity/display-name.ts';
import { useT } from '../../i18n/index.tsx';
import type { AdminGpList } from '../gp-api.ts';
import { CeilingForm } from './ceiling-form.tsx';
import { ListDetail } from './list-detail.tsx';
import { GpQuits } from './gp-quits.tsx';

export function GpListSection({ list }: { list: AdminGpList }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const detailId = useId();
  const name = displayName(list.name, t);
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('gp.admin.listHeading', { name })}
      </Heading>
      <CeilingForm list={list} />
      <div>
        <Button variant="secondary" aria-expanded={open} aria-controls={detailId} aria-describedby={headingId} onClick={() => setOpen((o) => !o)}>
          {t(open ? 'gp.admin.hide' : 'gp.admin.show')}
        </Button>
      </div>
      <div id={detailId}>{open && <ListDetail practitionerId={list.practitionerId} />}</div>
      <GpQuits practitionerId={list.practitionerId} name={name} closed={list.status === 'quit'} describedBy={headingId} />
    </section>
  );
}
