// The dev tools' own pages (the test pharmacy, the frikort registry): a red test banner, bokmål with English under,
// plain HTML that works without the app, and forms posted to them as a stand-in outside party would.
import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { Forbidden } from './errors.ts';
export const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const bilingual = (nb: string, en: string) => `${esc(nb)} <span class="en" lang="en">${esc(en)}</span>`;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c;line-height:1.4}
.banner{background:#8a1c00;color:#fff;padding:.75rem 1rem;font-weight:600}
.banner span,.en{display:block;font-weight:400}
main{max-width:60rem;margin:1rem auto;padding:0 1rem}
.box{background:#fff;border-radius:8px;padding:1rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.forms{display:flex;gap:1rem;flex-wrap:wrap}.forms>form{flex:1 1 18rem}
label{display:block;font-weight:600;margin:.25rem 0}
input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #52606d;border-radius:4px}
button{font-size:1rem;padding:.7rem 1rem;margin-top:.75rem;background:#0062ba;color:#fff;border:2px solid #0062ba;border-radius:4px;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #c9d1d9;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.error{background:#fde8e8;border-left:4px solid #c30000;padding:.5rem .75rem}
.done{background:#e6f4ea;border-left:4px solid #1a7f37;padding:.5rem .75rem}`;

/** A whole dev page: `title` for the tab, `banner` (already HTML) over the main content `body` (already HTML). */
export function devPage(o: { title: string; banner: string; body: string }): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)}</title><style>${STYLE}</style></head><body>
<div class="banner" role="note">${o.banner}</div>
<main>${o.body}</main></body></html>`;
}

export const devHtml = (reply: FastifyReply, body: string, code = 200) => reply.code(code).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

/**
 * Registers a dev page's routes in a scope of their own that reads form posts. The stand-in (a pharmacy, a registry) is
 * not a Nettlege user: our session (and so the API's header-based CSRF rule) does not apply, and a cross-site form
 * post is refused by its Origin instead, as on the card simulator's pages.
 */
export async function devFormScope(app: FastifyInstance, publicUrl: string, routes: (scope: FastifyInstance) => void): Promise<void> {
  const origin = new URL(publicUrl).origin;
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 1024 });
    scope.addHook('onRequest', async (request, reply) => {
      request.session = null;
      reply.header('referrer-policy', 'same-origin');
      const sent = request.headers.origin;
      if (request.method === 'POST' && sent !== undefined && sent !== origin) throw Forbidden();
    });
    routes(scope);
  });
}
