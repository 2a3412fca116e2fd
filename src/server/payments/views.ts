// A payment as the rest of the server sees it (camelCase, no provider internals beyond the checkout address).
import type { Currency, PaymentStatus } from './domain.ts';
import type { PaymentRow } from './store.ts';

export interface Payment {
  id: string;
  clinicId: string;
  personId: string;
  purpose: string;
  purposeId: string;
  amountOre: number;
  currency: Currency;
  provider: string;
  providerRef: string | null;
  status: PaymentStatus;
  redirectUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  authorizedAt: Date | null;
  capturedAt: Date | null;
  releasedAt: Date | null;
}

export function paymentView(r: PaymentRow): Payment {
  return {
    id: r.id,
    clinicId: r.clinic_id,
    personId: r.person_id,
    purpose: r.purpose,
    purposeId: r.purpose_id,
    amountOre: r.amount_ore,
    currency: r.currency,
    provider: r.provider,
    providerRef: r.provider_ref,
    status: r.status,
    redirectUrl: r.redirect_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    authorizedAt: r.authorized_at,
    capturedAt: r.captured_at,
    releasedAt: r.released_at,
  };
}
