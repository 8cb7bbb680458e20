/**
 * Debian's nginx as the reverse proxy in front of several service instances, started by the
 * test as a child process (no daemon, no system service): the configuration, its temporary
 * folders and its error log live in a folder of the test's own. Round robin over the
 * instances; an instance that refuses connections is skipped for a while (max_fails=1), and a
 * request that never reached an instance (connection refused) goes to the next one. A request
 * that did reach an instance which then died is not resent (a POST is not idempotent to nginx):
 * the client retries, as the booth does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../../src/shared/free-port';

export const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));

export interface NginxProxy {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  errorLog: () => string;
  stop: () => Promise<void>;
}

export function nginxConfig(dir: string, listenPort: number, upstreamPorts: number[]): string {
  const temp = (name: string) => join(dir, 'temp', name);
  return `# Written by test/scale-out/support/nginx-proxy.ts
daemon off;
master_process on;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  client_max_body_size 2m;
  client_body_buffer_size 2m;
  upstream urna {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://urna;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_buffering off;
    }
  }
}
`;
}

/** Starts nginx on a free loopback port in front of `upstreamPorts`; resolves once it accepts connections. */
export async function startNginx(dir: string, upstreamPorts: number[]): Promise<NginxProxy> {
  if (!NGINX) throw new Error('nginx is not installed (scripts/ensure-system-packages.sh nginx)');
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'temp', t), { recursive: true, mode: 0o777 });
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, upstreamPorts));
  const errorLog = join(dir, 'error.log');
  // -e: the startup error log too (the default under /var/log may not be writable).
  const child = spawn(NGINX, ['-p', dir, '-e', errorLog, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + output;
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${readLog()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    errorLog: readLog,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => ok(false));
  });
}
