// "/ansatt/foresporsler": reception's open booking requests (SMS, and patients who do not want video), each handled on its card.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { usePractitioners } from '../booking/booking-api.ts';
import { useClinicTimeZone } from '../booking/clinics-query.ts';
import { practitionerNames } from '../booking/names.ts';
import { Notice, useNotice } from '../platform/notice.tsx';
import { QueryList } from '../platform/query-list.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useT } from '../i18n/index.tsx';
import { RequestCard } from './request-card.tsx';
import { useBookingRequests } from './requests-api.ts';
import '../booking/booking.css';

export function BookingRequestsPage() {
  const t = useT();
  return <StaffPage title={t('requests.title')}>{(home) => <BookingRequests home={home} />}</StaffPage>;
}

function BookingRequests({ home }: { home: StaffHome }) {
  const t = useT();
  const requests = useBookingRequests(true);
  const timeZone = useClinicTimeZone(home.clinic.id);
  const practitioners = usePractitioners(home.clinic.id);
  // The handled card is gone; its outcome takes the focus.
  const notice = useNotice();

  return (
    <>
      <Paragraph>{t('requests.intro')}</Paragraph>
      <div className="nl-actions">
        <Button variant="secondary" data-size="sm" loading={requests.isFetching} onClick={() => !requests.isFetching && void requests.refetch()}>
          {t('requests.refresh')}
        </Button>
      </div>
      <Notice notice={notice} />
      <QueryList query={requests} loginKind="staff" empty={t('requests.empty')}>
        {(r) => (
          <RequestCard
            key={r.id}
            request={r}
            clinicId={home.clinic.id}
            timeZone={timeZone}
            practitioners={practitioners.data ?? []}
            practitionerName={practitionerNames(practitioners.data ?? [], t)}
            onDone={notice.show}
          />
        )}
      </QueryList>
    </>
  );
}
