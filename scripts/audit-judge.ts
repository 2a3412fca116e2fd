// Reads `npm audit --json`: the high and critical findings, less those with a written, unexpired exception.
export interface AuditException {
  /** The advisory's id (GHSA-…) or URL, as npm audit names it. */
  advisory: string;
  package: string;
  /** Why it does not touch us (or what we do instead), in words. */
  reason: string;
  /** YYYY-MM-DD: the exception lapses then and the finding fails CI again until someone looks. */
  expires: string;
}

interface Via {
  source?: number;
  url?: string;
  title?: string;
  severity?: string;
}

interface Report {
  error?: { code?: string; summary?: string };
  message?: string;
  vulnerabilities?: Record<string, { severity: string; via: Array<Via | string> }>;
}

const SERIOUS = new Set(['high', 'critical']);

export function judgeAudit(raw: unknown, exceptions: AuditException[], now: Date): { ok: boolean; unchecked: boolean; lines: string[] } {
  const report = (raw ?? {}) as Report;
  if (report.error || !report.vulnerabilities) {
    const why = report.error?.summary || report.message || 'no report';
    return { ok: true, unchecked: true, lines: [`audit: NOT CHECKED — the advisory service could not be asked (${why}). The dependencies were not audited on this run.`] };
  }
  const today = now.toISOString().slice(0, 10);
  const lines: string[] = [];
  let failing = 0;
  for (const [pkg, v] of Object.entries(report.vulnerabilities)) {
    // A finding's own advisories; a package flagged only through another (a string in `via`) is judged there.
    for (const via of v.via) {
      if (typeof via === 'string' || !SERIOUS.has(via.severity ?? '')) continue;
      const ids = [via.url ?? '', via.url?.split('/').at(-1) ?? '', String(via.source ?? '')].filter(Boolean);
      const exception = exceptions.find((e) => e.package === pkg && ids.includes(e.advisory));
      if (exception && exception.expires >= today) {
        lines.push(`audit: excepted ${pkg} ${via.severity} ${via.url ?? via.source} until ${exception.expires}: ${exception.reason}`);
        continue;
      }
      failing++;
      lines.push(`audit: ${pkg} ${via.severity}: ${via.title ?? ''} ${via.url ?? via.source ?? ''}${exception ? ` (its exception lapsed ${exception.expires})` : ''}`);
    }
  }
  lines.push(failing ? `audit: ${failing} high or critical finding(s) without an exception — fix, or write one in audit-exceptions.json` : 'audit: no high or critical finding without an exception');
  return { ok: failing === 0, unchecked: false, lines };
}
