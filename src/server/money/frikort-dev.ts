// The dev page of the bundled local frikort registry (/dev/frikort): a tester registers that a person has a frikort
// from outside for a year, as HELFO would know from co-payments paid elsewhere. A form POST, so a national ID is never
// in a URL; the page shows it masked only.
import type { FastifyInstance } from 'fastify';
import { bilingual, devFormScope, devHtml, devPage, esc } from '../platform/http/dev-page.ts';
import { maskNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';

const DEV = { access: { kind: 'dev' as const } };

function frikortPage(o: { done?: string; error?: { nb: string; en: string } } = {}): string {
  const year = localDate(new Date()).slice(0, 4);
  return devPage({
    title: 'Frikortregister (test)',
    banner: 'TESTREGISTER – spiller HELFOs frikortregister. <span lang="en">TEST registry – plays HELFO’s frikort registry.</span>',
    body: `<h1>${bilingual('Frikort fra utsiden', 'Frikort from outside')}</h1>
<p>${bilingual('Registrer at en person har frikort for et år, som om egenandelstaket var nådd hos andre behandlere. Nettlege spør registeret før det viser en pris.', 'Register that a person has a frikort for a year, as if the ceiling was reached with other providers. Nettlege asks the registry before it shows a price.')}</p>
${o.error ? `<p class="error" role="alert">${bilingual(o.error.nb, o.error.en)}</p>` : ''}${o.done ? `<p class="done" role="status">${o.done}</p>` : ''}
<form class="box" method="post" action="/dev/frikort">
<label for="nationalId">Fødselsnummer (11 siffer) <span lang="en">/ National ID number</span></label>
<input id="nationalId" name="nationalId" inputmode="numeric" autocomplete="off" required maxlength="13">
<label for="year">År <span lang="en">/ Year</span></label>
<input id="year" name="year" inputmode="numeric" required maxlength="4" value="${esc(year)}">
<button type="submit">Registrer frikort <span lang="en">/ Register frikort</span></button>
</form>`,
  });
}

export async function frikortDevRoutes(app: FastifyInstance, opts: { registry: { register(nationalId: string, year: number): Promise<void> }; publicUrl: string }): Promise<void> {
  await devFormScope(app, opts.publicUrl, (scope) => {
    scope.get('/dev/frikort', { config: DEV, schema: { hide: true } }, async (_req, reply) => devHtml(reply, frikortPage()));
    scope.post<{ Body: { nationalId?: string; year?: string } }>(
      '/dev/frikort',
      {
        config: DEV,
        schema: { hide: true, body: { type: 'object', additionalProperties: false, properties: { nationalId: { type: 'string', maxLength: 20 }, year: { type: 'string', maxLength: 6 } } } },
      },
      async (req, reply) => {
        const nationalId = req.body?.nationalId?.replace(/\s/g, '') ?? '';
        const year = Number(req.body?.year);
        if (!/^\d{11}$/.test(nationalId) || !Number.isInteger(year) || year < 2000 || year > 2200) {
          return devHtml(reply, frikortPage({ error: { nb: 'Skriv et fødselsnummer med 11 siffer og et årstall.', en: 'Enter an 11-digit national ID number and a year.' } }), 400);
        }
        await opts.registry.register(nationalId, year);
        return devHtml(reply, frikortPage({ done: bilingual(`Frikort for ${year} er registrert for ${maskNationalId(nationalId)}.`, `A frikort for ${year} is registered for ${maskNationalId(nationalId)}.`) }));
      },
    );
  });
}
