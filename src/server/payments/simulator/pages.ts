// The card simulator's HTML: the card form and the 3-D Secure page, bokmål with English under, bannered as a test.
import { TEST_CARDS, type CardForm } from './cards.ts';
import type { SimulatorCheckout } from './simulator.ts';

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** For display only: the amount itself stays in øre everywhere else. */
const money = (c: SimulatorCheckout) => new Intl.NumberFormat('nb-NO', { style: 'currency', currency: c.currency }).format(c.amountOre / 100);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c;line-height:1.4}
.banner{background:#8a1c00;color:#fff;padding:.75rem 1rem;font-weight:600}
.banner span,.en{display:block;font-weight:400}
main{max-width:30rem;margin:1rem auto;padding:0 1rem}
.box{background:#fff;border-radius:8px;padding:1rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
label span{font-weight:400}
input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #52606d;border-radius:4px}
.row{display:flex;gap:.75rem;flex-wrap:wrap}.row>div{flex:1 1 8rem}
button{font-size:1rem;padding:.7rem 1rem;margin:1rem .5rem 0 0;background:#0062ba;color:#fff;border:2px solid #0062ba;border-radius:4px;cursor:pointer;min-width:8rem}
button.secondary{background:#fff;color:#0062ba}
button:focus-visible,input:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.amount{font-size:1.25rem}
.error{background:#fde8e8;border-left:4px solid #c30000;padding:.5rem .75rem}
code{font-size:1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<div class="banner" role="note">TESTKORT-SIMULATOR – ingen ekte betaling, bruk bare testkortene. <span lang="en">TEST card simulator – no real payment; use the test cards only.</span></div>
<main>${body}</main></body></html>`;
}

const bilingual = (nb: string, en: string) => `${esc(nb)} <span class="en" lang="en">${esc(en)}</span>`;

export function checkoutPage(c: SimulatorCheckout, opts: { error?: { nb: string; en: string }; values?: CardForm } = {}): string {
  const v = opts.values ?? {};
  const described = opts.error ? ' aria-describedby="card-error" aria-invalid="true"' : '';
  const cards = TEST_CARDS.map((t) => `<li><code>${t.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> ${esc(t.nb)} <span lang="en">(${esc(t.en)})</span></li>`).join('');
  return page(
    `Kortbetaling ${money(c)} – testkort-simulator`,
    `<h1>${bilingual('Kortbetaling', 'Card payment')}</h1>
<section class="box" aria-label="Betalingen">
<p>${esc(c.description)}</p>
<p class="amount">Beløp <span lang="en">/ Amount</span>: <strong>${esc(money(c))}</strong></p>
<p>${bilingual('Beløpet reserveres nå og trekkes først senere.', 'The amount is reserved now and charged later.')}</p>
</section>
${opts.error ? `<p class="error" id="card-error" role="alert">${bilingual(opts.error.nb, opts.error.en)}</p>` : ''}
<form class="box" method="post" action="/dev-pay/checkout/${esc(c.id)}">
<label for="number">Kortnummer <span lang="en">/ Card number</span></label>
<input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required maxlength="23" value="${esc(v.number ?? '')}"${described}>
<div class="row">
<div><label for="expiry">Utløpsdato (MM/ÅÅ) <span lang="en">/ Expiry (MM/YY)</span></label>
<input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" required maxlength="7" placeholder="MM/ÅÅ" value="${esc(v.expiry ?? '')}"></div>
<div><label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required maxlength="4"></div>
</div>
<button type="submit" name="action" value="pay">Reserver ${esc(money(c))} <span lang="en">/ Reserve</span></button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Avbryt <span lang="en">/ Cancel</span></button>
</form>
<section class="box" aria-labelledby="cards-h">
<h2 id="cards-h">Testkort <span lang="en">/ Test cards</span></h2>
<ul>${cards}</ul>
<p>${bilingual('Hvilken som helst framtidig utløpsdato og hvilken som helst CVC.', 'Any future expiry date and any CVC.')}</p>
</section>`,
  );
}

export function challengePage(c: SimulatorCheckout): string {
  return page(
    `3-D Secure – testkort-simulator`,
    `<h1>${bilingual('Bekreft i banken din (3-D Secure)', 'Confirm with your bank (3-D Secure)')}</h1>
<section class="box">
<p>${bilingual(`Godkjenner du at ${money(c)} reserveres på kortet?`, `Do you approve reserving ${money(c)} on the card?`)}</p>
<p>${esc(c.description)}</p>
<form method="post" action="/dev-pay/3ds/${esc(c.id)}">
<button type="submit" name="decision" value="approve">Godkjenn <span lang="en">/ Approve</span></button>
<button type="submit" name="decision" value="reject" class="secondary">Avvis <span lang="en">/ Reject</span></button>
</form>
</section>`,
  );
}
