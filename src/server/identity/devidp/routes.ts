// Mounts the test identity provider under /dev-idp: oidc-provider's own endpoints plus our login page.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { parseNationalId } from '../../../shared/national-id.ts';
import type { DevIdp, TestIdentityClaims } from './provider.ts';
import { loginPage, type DemoIdentity } from './page.ts';

export interface DevIdpRouteOptions {
  idp: DevIdp;
  demoIdentities(kind: 'patient' | 'staff'): Promise<DemoIdentity[]>;
}

const PUBLIC = { access: { kind: 'public' as const } };

export async function devIdpRoutes(app: FastifyInstance, opts: DevIdpRouteOptions): Promise<void> {
  const { idp } = opts;
  const callback = idp.provider.callback();
  const kindOf = (clientId: unknown): 'patient' | 'staff' => (clientId === idp.clients.staff.clientId ? 'staff' : 'patient');

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 4096 });

    scope.get<{ Params: { uid: string } }>('/interaction/:uid', { config: PUBLIC }, async (req, reply) => {
      const details = await idp.provider.interactionDetails(req.raw, reply.raw);
      const kind = kindOf(details.params.client_id);
      return reply.type('text/html; charset=utf-8').send(loginPage({ uid: details.uid, kind, demo: await opts.demoIdentities(kind) }));
    });

    scope.post<{ Params: { uid: string }; Body: Record<string, string | undefined> }>(
      '/interaction/:uid/login',
      { config: PUBLIC },
      async (req, reply) => {
        const details = await idp.provider.interactionDetails(req.raw, reply.raw);
        const kind = kindOf(details.params.client_id);
        const body = req.body ?? {};
        const demo = await opts.demoIdentities(kind);
        const picked = body.pick ? demo.find((d) => d.nationalId === body.pick) : undefined;
        const pid = (picked?.nationalId ?? body.pid ?? '').replace(/\s/g, '');
        const hpr = (picked ? (picked.hprNumber ?? '') : (body.hpr ?? '')).trim();
        const name = (picked?.name ?? body.name ?? '').trim().slice(0, 120);
        const parsed = parseNationalId(pid, new Date());
        let error: string | undefined;
        if (!parsed) error = 'Nummeret er ikke et gyldig fødselsnummer, D-nummer, H-nummer, syntetisk nummer eller personnummer.';
        else if (hpr && !/^\d{6,9}$/.test(hpr)) error = 'HPR-nummeret må ha 6 til 9 sifre.';
        if (error || !parsed) {
          return reply
            .code(400)
            .type('text/html; charset=utf-8')
            .send(loginPage({ uid: details.uid, kind, demo, error, values: { pid, name, hpr } }));
        }
        const claims: TestIdentityClaims = { pid: parsed.value, ...(name ? { name } : {}), ...(kind === 'staff' && hpr ? { hpr_number: hpr } : {}) };
        const accountId = idp.remember(claims, kind);
        reply.hijack();
        await idp.provider.interactionFinished(
          req.raw,
          reply.raw,
          { login: { accountId, acr: kind === 'staff' ? 'helseid-test-high' : 'idporten-loa-high', amr: ['TestID'] } },
          { mergeWithLastSubmission: false },
        );
      },
    );
  });

  // oidc-provider answers everything else under the prefix itself, with the raw request.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.all('/*', { config: PUBLIC }, (req, reply) => {
      const raw = req.raw as typeof req.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '/').slice('/dev-idp'.length) || '/';
      reply.hijack();
      callback(raw, reply.raw);
    });
  });
}
