// CI's dependency audit (scripts/audit.ts) against a local advisory service: npm audit really posts to it (the
// registry's bulk advisory endpoint, served here on loopback), so the script is judged on what npm really reports.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADVISORY = 'https://github.com/advisories/GHSA-test-abcd-0001';
let mode: 'finding' | 'refused' = 'finding';

function audit(registry: string, exceptions: unknown[]): Promise<{ code: number | null; out: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-')), 'exceptions.json');
  writeFileSync(file, JSON.stringify(exceptions));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/audit.ts'], { env: { ...process.env, npm_config_registry: registry, AUDIT_EXCEPTIONS: file } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('the dependency audit in CI', () => {
  let server: Server;
  let registry = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (mode === 'refused' || !req.url?.includes('/security/advisories/bulk')) {
          res.writeHead(405).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ pino: [{ id: 1001, url: ADVISORY, title: 'Test advisory in pino', severity: 'high', vulnerable_versions: '<9999.0.0', cwe: [], cvss: { score: 7.5, vectorString: null } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    registry = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fails on a high finding without an exception', { timeout: 60_000 }, async () => {
    mode = 'finding';
    const r = await audit(registry, []);
    expect(r.out).toContain('pino high');
    expect(r.code).toBe(1);
  });

  it('passes with a written exception, and fails again once it has lapsed', { timeout: 60_000 }, async () => {
    mode = 'finding';
    const exception = { advisory: 'GHSA-test-abcd-0001', package: 'pino', reason: 'not reachable from our use', expires: '2999-12-31' };
    const ok = await audit(registry, [exception]);
    expect(ok.out).toContain('excepted pino');
    expect(ok.code).toBe(0);
    const lapsed = await audit(registry, [{ ...exception, expires: '2000-01-01' }]);
    expect(lapsed.out).toContain('lapsed');
    expect(lapsed.code).toBe(1);
  });

  it('says loudly that nothing was checked when the advisory service refuses', { timeout: 60_000 }, async () => {
    mode = 'refused';
    const r = await audit(registry, []);
    expect(r.out).toContain('NOT CHECKED');
    expect(r.code).toBe(0);
  });
});
