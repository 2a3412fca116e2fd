// A Redis of a test's own (redis-server as a child process, nothing saved), to stop, freeze and start again on the same
// port without touching the machine's shared Redis that other tests use.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './global-setup.ts';

export interface RedisProcess {
  url: string;
  port: number;
  /** kill -9, and wait until it is gone (its connections are then closed by the kernel). */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it takes connections. */
  start(): Promise<void>;
  /** Stops it without closing its connections (SIGSTOP): Redis hangs; `resume` lets it go on (SIGCONT). */
  freeze(): void;
  resume(): void;
  stop(): Promise<void>;
}

async function accepting(port: number, ms: number): Promise<void> {
  for (const end = Date.now() + ms; ; ) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`redis-server on ${port} did not take connections within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    child = c;
    await accepting(port, 10_000);
    if (c.exitCode !== null) throw new Error(`redis-server on ${port} exited (${c.exitCode})`);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGCONT');
    c.kill('SIGKILL');
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    freeze: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    stop: kill,
  };
}
