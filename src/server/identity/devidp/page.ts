// The HTML of the test provider's login page: a clear test banner, type or pick a synthetic number.
export interface DemoIdentity {
  nationalId: string;
  name: string | null;
  hprNumber: string | null;
  note: string;
}

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c}
.banner{background:#8a1c00;color:#fff;padding:.75rem 1rem;font-weight:600}
main{max-width:34rem;margin:1.5rem auto;padding:0 1rem}
form.box,section{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #52606d;border-radius:4px}
button{font-size:1rem;padding:.6rem 1rem;margin-top:1rem;background:#0062ba;color:#fff;border:0;border-radius:4px;cursor:pointer}
button.pick{margin:.25rem 0;background:#fff;color:#0062ba;border:2px solid #0062ba;width:100%;text-align:left}
.error{background:#fde8e8;border-left:4px solid #c30000;padding:.5rem .75rem}
ul{list-style:none;padding:0}`;

export function loginPage(opts: {
  uid: string;
  kind: 'patient' | 'staff';
  demo: DemoIdentity[];
  error?: string;
  values?: { pid?: string; name?: string; hpr?: string };
}): string {
  const action = `/dev-idp/interaction/${esc(opts.uid)}/login`;
  const title = opts.kind === 'staff' ? 'Testinnlogging for helsepersonell (HelseID-test)' : 'TestID – testinnlogging (ID-porten-test)';
  const v = opts.values ?? {};
  const staffFields =
    opts.kind === 'staff'
      ? `<label for="hpr">HPR-nummer (kan stå tomt for resepsjon)</label><input id="hpr" name="hpr" inputmode="numeric" autocomplete="off" value="${esc(v.hpr ?? '')}">`
      : '';
  const picks = opts.demo
    .map(
      (d) =>
        `<li><button class="pick" type="submit" name="pick" value="${esc(d.nationalId)}">${esc(d.name ?? 'Uten navn')} – ${esc(d.note)}</button></li>`,
    )
    .join('');
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<div class="banner" role="note">TESTMILJØ – dette er ikke en ekte innlogging. Bruk bare syntetiske testnumre. / TEST ENVIRONMENT – not a real login.</div>
<main><h1>${esc(title)}</h1>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<form class="box" method="post" action="${action}">
<label for="pid">Fødselsnummer, D-nummer eller personnummer (syntetisk/test)</label>
<input id="pid" name="pid" inputmode="numeric" autocomplete="off" required value="${esc(v.pid ?? '')}">
<label for="name">Navn (valgfritt)</label><input id="name" name="name" autocomplete="off" value="${esc(v.name ?? '')}">
${staffFields}
<button type="submit">Logg inn</button>
</form>
${picks ? `<form method="post" action="${action}"><section aria-labelledby="demo-h"><h2 id="demo-h">Eller velg en testperson</h2><ul>${picks}</ul></section></form>` : ''}
</main></body></html>`;
}
