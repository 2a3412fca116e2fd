// The dev pharmacy's HTML: two lookup forms (national ID, reference number) and a result table; bokmål with English
// under, bannered as a test tool. The national ID is never echoed back, only masked.
import type { PharmacyPrescription } from './api.ts';
import { bilingual, devPage, esc } from '../platform/http/dev-page.ts';

const TYPE: Record<PharmacyPrescription['type'], string> = { white: 'Hvit / white', blue: 'Blå / blue', H: 'H-resept / H' };
const STATUS: Record<PharmacyPrescription['status'], string> = { active: 'Gyldig / valid', expired: 'Utløpt / expired', 'used-up': 'Brukt opp / used up' };

export interface PharmacyResult {
  /** What was searched for, as shown: a masked national ID or the reference number. */
  query: string;
  prescriptions: PharmacyPrescription[];
}

function table(r: PharmacyResult): string {
  if (r.prescriptions.length === 0) return `<p>${bilingual(`Ingen resepter å vise for ${r.query}.`, `No prescriptions to show for ${r.query}.`)}</p>`;
  const rows = r.prescriptions
    .map(
      (p) => `<tr><td>${esc(p.patientName ?? '')}<br>${esc(p.maskedNationalId)}</td><td>${esc(p.drugName)}</td><td>${esc(p.strength)}</td><td>${esc(p.dosageText)}</td><td>${esc(TYPE[p.type])}</td>
<td>${esc(p.issuedOn)}</td><td>${esc(p.validUntil)}</td><td>${p.withdrawalsLeft}</td><td>${esc(STATUS[p.status])}${p.locked ? '<br>Låst / locked' : ''}</td><td>${esc(p.prescriberName ?? '')}<br>${esc(p.clinicName)}</td></tr>`,
    )
    .join('\n');
  return `<table><caption>${bilingual(`Resepter for ${r.query}`, `Prescriptions for ${r.query}`)}</caption>
<thead><tr><th scope="col">Pasient <span lang="en">/ Patient</span></th><th scope="col">Legemiddel <span lang="en">/ Drug</span></th><th scope="col">Styrke <span lang="en">/ Strength</span></th><th scope="col">Dosering <span lang="en">/ Dosage</span></th><th scope="col">Type</th><th scope="col">Utstedt <span lang="en">/ Issued</span></th><th scope="col">Gyldig til <span lang="en">/ Valid until</span></th><th scope="col">Uttak igjen <span lang="en">/ Withdrawals left</span></th><th scope="col">Status</th><th scope="col">Forskriver <span lang="en">/ Prescriber</span></th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function pharmacyPage(opts: { result?: PharmacyResult; error?: { nb: string; en: string } } = {}): string {
  const result = opts.result ? `<section class="box" aria-labelledby="result-h" id="result"><h2 id="result-h">${bilingual('Resultat', 'Result')}</h2>${table(opts.result)}</section>` : '';
  const error = opts.error ? `<p class="error" role="alert">${bilingual(opts.error.nb, opts.error.en)}</p>` : '';
  return devPage({
    title: 'Apotek – reseptoppslag (test)',
    banner: 'TESTAPOTEK – spiller apoteket mot det lokale reseptregisteret. <span lang="en">TEST pharmacy – plays the pharmacy against the local prescription registry.</span>',
    body: `<h1>${bilingual('Reseptoppslag', 'Prescription lookup')}</h1>
${error}
<div class="forms">
<form class="box" method="post" action="/dev/pharmacy">
<label for="nationalId">Fødselsnummer (11 siffer) <span lang="en">/ National ID number</span></label>
<input id="nationalId" name="nationalId" inputmode="numeric" autocomplete="off" required maxlength="13" aria-describedby="nid-help">
<p id="nid-help">${bilingual('Låste resepter vises ikke; be om referansenummeret.', 'Locked prescriptions are not shown; ask for the reference number.')}</p>
<button type="submit">Søk på fødselsnummer <span lang="en">/ Look up by national ID</span></button>
</form>
<form class="box" method="post" action="/dev/pharmacy">
<label for="reference">Referansenummer <span lang="en">/ Reference number</span></label>
<input id="reference" name="reference" autocomplete="off" required maxlength="12" placeholder="XXXX-XXXX">
<button type="submit">Søk på referansenummer <span lang="en">/ Look up by reference number</span></button>
</form>
</div>
${result}`,
  });
}
