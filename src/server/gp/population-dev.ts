// The dev page of the bundled local population register (/dev/folkeregister): a tester registers that a person moved
// to a municipality on a date, as Folkeregisteret would report it. A form POST, so a national ID is never in a URL.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { bilingual, devFormScope, devHtml, devPage, esc } from '../platform/http/dev-page.ts';
import { maskNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { registerMove } from './population.ts';

const DEV = { access: { kind: 'dev' as const } };

function movePage(o: { done?: string; error?: { nb: string; en: string } } = {}): string {
  return devPage({
    title: 'Folkeregister (test)',
    banner: 'TESTREGISTER – spiller Folkeregisteret. <span lang="en">TEST registry – plays the National Population Register.</span>',
    body: `<h1>${bilingual('Registrer en flytting', 'Register a move')}</h1>
<p>${bilingual('En registrert flytting gir et ekstra fastlegebytte, og flytter personen tilbake til en kommune innen 3 år, retten til den tidligere fastlegen der.', 'A registered move gives an extra GP switch and, moving back to a municipality within 3 years, the right to the former GP there.')}</p>
${o.error ? `<p class="error" role="alert">${bilingual(o.error.nb, o.error.en)}</p>` : ''}${o.done ? `<p class="done" role="status">${o.done}</p>` : ''}
<form class="box" method="post" action="/dev/folkeregister">
<label for="nationalId">Fødselsnummer (11 siffer) <span lang="en">/ National ID number</span></label>
<input id="nationalId" name="nationalId" inputmode="numeric" autocomplete="off" required maxlength="13">
<label for="municipality">Ny kommune <span lang="en">/ New municipality</span></label>
<input id="municipality" name="municipality" required maxlength="80">
<label for="movedOn">Flyttedato <span lang="en">/ Moved on</span></label>
<input id="movedOn" name="movedOn" type="date" required value="${esc(localDate(new Date()))}">
<button type="submit">Registrer flytting <span lang="en">/ Register move</span></button>
</form>`,
  });
}

export async function populationDevRoutes(app: FastifyInstance, opts: { db: Db; publicUrl: string }): Promise<void> {
  await devFormScope(app, opts.publicUrl, (scope) => {
    scope.get('/dev/folkeregister', { config: DEV, schema: { hide: true } }, async (_req, reply) => devHtml(reply, movePage()));
    scope.post<{ Body: { nationalId?: string; municipality?: string; movedOn?: string } }>(
      '/dev/folkeregister',
      {
        config: DEV,
        schema: {
          hide: true,
          body: { type: 'object', additionalProperties: false, properties: { nationalId: { type: 'string', maxLength: 20 }, municipality: { type: 'string', maxLength: 80 }, movedOn: { type: 'string', maxLength: 10 } } },
        },
      },
      async (req, reply) => {
        const nationalId = req.body?.nationalId?.replace(/\s/g, '') ?? '';
        const municipality = req.body?.municipality?.trim() ?? '';
        const movedOn = req.body?.movedOn ?? '';
        const person = /^\d{11}$/.test(nationalId) ? await opts.db.selectFrom('persons').select('id').where('national_id', '=', nationalId).executeTakeFirst() : undefined;
        if (!person || municipality.length < 2 || !/^\d{4}-\d{2}-\d{2}$/.test(movedOn)) {
          return devHtml(reply, movePage({ error: { nb: 'Skriv fødselsnummeret til en person som finnes her, en kommune og en dato.', en: 'Enter the national ID number of a person known here, a municipality and a date.' } }), 400);
        }
        const r = await registerMove(opts.db, { personId: person.id, toMunicipality: municipality, movedOn });
        const back = r.returnTo ? bilingual(' Personen kan få tilbake den tidligere fastlegen sin.', ' The person may have their former GP back.') : '';
        return devHtml(reply, movePage({ done: `${bilingual(`Flyttingen til ${municipality} er registrert for ${maskNationalId(nationalId)}.`, `The move to ${municipality} is registered for ${maskNationalId(nationalId)}.`)}${back}` }));
      },
    );
  });
}
