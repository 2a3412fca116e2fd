// The dev page that plays the pharmacy against the local registry (/dev/pharmacy): look up by national ID (locked
// prescriptions are not shown) or by reference number. The lookup is a form POST, so a national ID is never in a URL.
import type { FastifyInstance } from 'fastify';
import { devFormScope, devHtml } from '../platform/http/dev-page.ts';
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

export async function pharmacyRoutes(app: FastifyInstance, opts: PharmacyRouteOptions): Promise<void> {
  await devFormScope(app, opts.publicUrl, (scope) => {
    scope.get('/dev/pharmacy', { config: DEV, schema: { hide: true } }, async (_req, reply) => devHtml(reply, pharmacyPage()));

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
          return devHtml(reply, pharmacyPage({ result: { query: maskNationalId(nationalId), prescriptions: await opts.lookup.byNationalId(nationalId, now) } }));
        }
        if (reference) {
          const ref = normaliseReference(reference);
          return devHtml(reply, pharmacyPage({ result: { query: ref, prescriptions: await opts.lookup.byReference(ref, now) } }));
        }
        return devHtml(reply, pharmacyPage({ error: { nb: 'Skriv et fødselsnummer med 11 siffer eller et referansenummer.', en: 'Enter an 11-digit national ID number or a reference number.' } }), 400);
      },
    );
  });
}
