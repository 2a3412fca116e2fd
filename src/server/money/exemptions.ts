// Exemptions applied to visits, kept for the settlement: once per visit, when the desk or an invoice settles a visit
// that costs the patient nothing because of who they are or what the visit is (not a free service, not a partial
// ceiling payment).
import type { Tx } from '../platform/db/database.ts';
import type { Exemption } from './copayment.ts';

const KEPT: ReadonlySet<Exemption> = new Set(['under-16', 'under-18-mental-health', 'pregnancy', 'frikort', 'private-children-free']);

export async function recordExemption(tx: Tx, r: { purpose: string; purposeId: string; clinicId: string; price: { amountOre: number; listPriceOre: number; exemption: Exemption | null } }): Promise<void> {
  if (r.price.amountOre !== 0 || !r.price.exemption || !KEPT.has(r.price.exemption)) return;
  await tx
    .insertInto('exemptions_applied')
    .values({ purpose: r.purpose, purpose_id: r.purposeId, clinic_id: r.clinicId, exemption: r.price.exemption, list_price_ore: r.price.listPriceOre })
    .onConflict((oc) => oc.columns(['purpose', 'purpose_id']).doNothing())
    .execute();
}
