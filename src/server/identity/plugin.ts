// Wires identity into the app: the test provider (when no real one is configured), login, sessions and Min side.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.ts';
import type { Config } from '../config.ts';
import type { Db } from '../platform/db/database.ts';
import { devIdpRoutes } from './devidp/routes.ts';
import type { DevIdp } from './devidp/provider.ts';
import type { DemoIdentity } from './devidp/page.ts';
import { OidcRelyingParty } from './oidc.ts';
import { authRoutes } from './auth-routes.ts';
import { meRoutes } from './me-routes.ts';
import { loadSession, SESSION_COOKIE, type SessionTimeouts } from './sessions.ts';
import type { IdentityDeps } from './service.ts';

export interface IdentityPluginOptions {
  ctx: AppContext;
  idp: DevIdp | undefined;
}

const timeouts = (c: Config): SessionTimeouts => ({ idleMinutes: c.sessionIdleMinutes, absoluteHours: c.sessionAbsoluteHours });

/** The synthetic people offered for picking on the test provider's page. */
async function demoIdentities(db: Db, kind: 'patient' | 'staff'): Promise<DemoIdentity[]> {
  if (kind === 'staff') {
    const rows = await db
      .selectFrom('staff_roles as s')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .innerJoin('clinics as c', 'c.id', 's.clinic_id')
      .leftJoin('practitioners as pr', 'pr.person_id', 's.person_id')
      .select(['p.national_id', 'p.name', 'pr.hpr_number', 's.role', 'c.name as clinic'])
      .orderBy('c.name')
      .orderBy('p.name')
      .limit(30)
      .execute();
    return rows.map((r) => ({ nationalId: r.national_id, name: r.name, hprNumber: r.hpr_number, note: `${r.role}, ${r.clinic}` }));
  }
  const rows = await db
    .selectFrom('persons as p')
    .leftJoin('staff_roles as s', 's.person_id', 'p.id')
    .select(['p.national_id', 'p.name', 'p.national_id_kind', 'p.birth_date'])
    .where('s.person_id', 'is', null)
    .orderBy('p.created_at')
    .limit(20)
    .execute();
  return rows.map((r) => ({ nationalId: r.national_id, name: r.name, hprNumber: null, note: `${r.national_id_kind}, født ${r.birth_date}` }));
}

export const identityPlugin = {
  loadSession(db: Db, config: Config, req: FastifyRequest) {
    return loadSession(db, timeouts(config), req.cookies[SESSION_COOKIE]);
  },

  async routes(app: FastifyInstance, opts: IdentityPluginOptions): Promise<void> {
    const { ctx, idp } = opts;
    const { config, db } = ctx;
    const fromIdp = (kind: 'patient' | 'staff') => {
      if (!idp) throw new Error('no identity provider configured');
      return { issuer: idp.issuer, clientId: idp.clients[kind].clientId, clientSecret: idp.clients[kind].clientSecret };
    };
    const deps: IdentityDeps = {
      db,
      timeouts: timeouts(config),
      relyingParties: {
        patient: new OidcRelyingParty(config.patientOidc ?? fromIdp('patient'), config.publicUrl, 'openid profile'),
        staff: new OidcRelyingParty(config.staffOidc ?? fromIdp('staff'), config.publicUrl, 'openid profile'),
      },
    };
    if (idp) await app.register(devIdpRoutes, { prefix: '/dev-idp', idp, demoIdentities: (kind) => demoIdentities(db, kind) });
    await app.register(authRoutes, {
      deps,
      publicUrl: config.publicUrl,
      secureCookies: config.publicUrl.startsWith('https://'),
      sessionAbsoluteHours: config.sessionAbsoluteHours,
      loginRateLimitPerMinute: config.loginRateLimitPerMinute,
      devOutbox: config.devOutbox,
    });
    await app.register(meRoutes, {
      db,
      async onContactChanged(personId, changed, language) {
        const lang = language as 'nb' | 'nn' | 'sv' | 'en';
        if (changed.phone) {
          await ctx.notifications.notify({ personId, channel: 'sms', to: changed.phone, template: 'contact-verified', language: lang, params: { url: config.publicUrl } });
        }
        if (changed.email) {
          await ctx.notifications.notify({ personId, channel: 'email', to: changed.email, template: 'contact-verified', language: lang, params: { url: config.publicUrl } });
        }
      },
    });
  },
};
