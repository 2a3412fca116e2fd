// "/ansatt/foresporsler": reception's open booking requests (SMS, and patients who do not want video), each handled on its card.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { usePractitioners } from '../booking/booking-api.ts';
import { useClinicTimeZone } from '../booking/clinics-query.ts';
import { practitionerNames } from '../booking/names.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useStaffHome } from '../staff/staff-api.ts';
import type { StaffHome } from '../staff/types.ts';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { useT } from '../i18n/index.tsx';
import { RequestCard } from './request-card.tsx';
import { useBookingRequests } from './requests-api.ts';
import '../booking/booking.css';

export function BookingRequestsPage() {
  const t = useT();
  const home = useStaffHome(useIsStaff());
  return (
    <Page title={t('requests.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(data) => <BookingRequests home={data} />}
          </QueryState>
        )}
      </RequireSession>
    </Page>
  );
}

function BookingRequests({ home }: { home: StaffHome }) {
  const t = useT();
  const requests = useBookingRequests(true);
  const timeZone = useClinicTimeZone(home.clinic.id);
  const practitioners = usePractitioners(home.clinic.id);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // The handled card is gone; its outcome takes the focus.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <>
      <Paragraph>{t('requests.intro')}</Paragraph>
      <div className="nl-actions">
        <Button variant="secondary" data-size="sm" loading={requests.isFetching} onClick={() => !requests.isFetching && void requests.refetch()}>
          {t('requests.refresh')}
        </Button>
      </div>
      <div aria-live="polite" className="nl-form__status">
        {notice && (
          <Paragraph ref={noticeRef} tabIndex={-1} role="status">
            {notice.text}
          </Paragraph>
        )}
      </div>
      <QueryState query={requests} loginKind="staff">
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('requests.empty')}</Paragraph>
          ) : (
            <ul className="nl-appointments">
              {list.map((r) => (
                <RequestCard
                  key={r.id}
                  request={r}
                  clinicId={home.clinic.id}
                  timeZone={timeZone}
                  practitioners={practitioners.data ?? []}
                  practitionerName={practitionerNames(practitioners.data ?? [], t)}
                  onDone={(text) => setNotice({ text, at: Date.now() })}
                />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
