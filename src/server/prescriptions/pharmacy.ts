// The dev page that plays the pharmacy against the local registry (/dev/pharmacy): look up by national ID (locked
// prescriptions are not shown) or by reference number. The lookup is a form POST, so a national ID is never in a URL.
import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { Forbidden } from '../platform/http/errors.ts';
import { maskNationalId } from '../../shared/national-id.ts';
import { normaliseReference } from './local-registry.ts';
import { pharmacyPage } from './pharmacy-page.ts';
import type { PharmacyLookup } from './registry.ts';

export interface PharmacyRouteOptions {
  lookup: PharmacyLookup;
  /** config.publicUrl: form posts must come from this origin. */
  publicUrl: string;
}

const DEV = { access: { kind: 'dev' as const } };
const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

export async function pharmacyRoutes(app: FastifyInstance, opts: PharmacyRouteOptions): Promise<void> {
  const origin = new URL(opts.publicUrl).origin;
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 1024 });
    // The pharmacy is not a Nettlege user: our session (and so the API's header-based CSRF rule) does not apply, and a
    // cross-site form post is refused by its Origin instead, as on the card simulator's pages.
    scope.addHook('onRequest', async (request, reply) => {
      request.session = null;
      reply.header('referrer-policy', 'same-origin');
      const sent = request.headers.origin;
      if (request.method === 'POST' && sent !== undefined && sent !== origin) throw Forbidden();
    });

    scope.get('/dev/pharmacy', { config: DEV, schema: { hide: true } }, async (_req, reply) => html(reply, pharmacyPage()));

    scope.post<{ Body: { nationalId?: string; reference?: string } }>(
      '/dev/pharmacy',
      {
        config: DEV,
        schema: {
          hide: true,
          body: { type: 'object', additionalProperties: false, properties: { nationalId: { type: 'string', maxLength: 20 }, reference: { type: 'string', maxLength: 20 } } },
        },
      },
      async (req, reply) => {
        const now = new Date();
        const nationalId = req.body?.nationalId?.replace(/\s/g, '');
        const reference = req.body?.reference?.trim();
        if (nationalId && /^\d{11}$/.test(nationalId)) {
          return html(reply, pharmacyPage({ result: { query: maskNationalId(nationalId), prescriptions: await opts.lookup.byNationalId(nationalId, now) } }));
        }
        if (reference) {
          const ref = normaliseReference(reference);
          return html(reply, pharmacyPage({ result: { query: ref, prescriptions: await opts.lookup.byReference(ref, now) } }));
        }
        return html(reply, pharmacyPage({ error: { nb: 'Skriv et fødselsnummer med 11 siffer eller et referansenummer.', en: 'Enter an 11-digit national ID number or a reference number.' } }), 400);
      },
    );
  });
}
