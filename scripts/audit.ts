// CI's dependency audit: `npm audit --omit=dev` at high severity, failing on a finding that has no written exception in
// audit-exceptions.json. Where the advisory service cannot be reached (a registry mirror that refuses the audit
// endpoint), it says so loudly and does not pretend the dependencies were checked.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { judgeAudit, type AuditException } from './audit-judge.ts';

const exceptionsFile = process.env.AUDIT_EXCEPTIONS ?? new URL('../audit-exceptions.json', import.meta.url);
const exceptions: AuditException[] = existsSync(exceptionsFile) ? (JSON.parse(readFileSync(exceptionsFile, 'utf8')) as AuditException[]) : [];
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report: unknown;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: (run.stderr || run.stdout || 'no output').trim().split('\n').at(-1) } };
}
const verdict = judgeAudit(report, exceptions, new Date());
for (const line of verdict.lines) console.log(line);
process.exit(verdict.ok ? 0 : 1);
