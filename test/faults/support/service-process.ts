/** The real service (src/main.ts, what `npm start` runs) in a child process, for fault tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './fault-processes';

export interface ServiceProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  stderrLines: () => string[];
  /** Resolves when the service logs that it listens (rejects if it exits first). */
  listening: Promise<void>;
}

export function startService(env: Record<string, string>): Promise<ServiceProcess> {
  // The test runner's DATABASE_URL is not the service's: without one given, it starts its own.
  const { DATABASE_URL: _runners, ...inherited } = process.env;
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', 'src/main.ts'], {
    cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => {
    output += String(d);
    stderr += String(d);
  });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const listening = new Promise<void>((ok, fail) => {
    const check = () => (/Urna listening on/.test(output) ? ok() : undefined);
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => fail(new Error(`service exited ${code}: ${output.slice(-3000)}`)));
  });
  listening.catch(() => undefined);
  return Promise.resolve({ child, exited, output: () => output, stderrLines: () => stderr.trimEnd().split('\n'), listening });
}

export { freePort } from '../../../src/shared/free-port';
