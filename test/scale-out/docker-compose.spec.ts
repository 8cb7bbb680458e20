/**
 * docker-compose.yml, read as Compose would (Docker itself does not run on these machines, so
 * the file is checked by parsing): the production profile has a 3-node KurrentDB cluster whose
 * nodes seed each other, a PostgreSQL primary that waits for its standby on every commit and a
 * standby cloned from it, two service instances with distinct lease names on the same
 * databases (multi-host, read-write target), and nginx in front of exactly those two. The dev
 * profile keeps one of each. Every file the profile mounts exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../..');

interface Service {
  profiles?: string[];
  image?: string;
  command?: string | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  ports?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const inProfile = (p: string) => Object.entries(services).filter(([, s]) => s.profiles?.includes(p)).map(([name]) => name).sort();

  it('has a dev profile of one of each and a production profile of clusters, and every service is in one', () => {
    expect(inProfile('dev')).toEqual(['eventstore', 'postgres', 'urna']);
    expect(inProfile('production')).toEqual(
      ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3', 'postgres-primary', 'postgres-standby', 'proxy', 'urna-1', 'urna-2', 'urna-build'].sort(),
    );
    for (const [name, s] of Object.entries(services)) expect([name, s.profiles?.length ?? 0]).toEqual([name, 1]);
  });

  it('runs KurrentDB as a 3-node cluster whose nodes seed each other', () => {
    for (const n of [1, 2, 3]) {
      const env = services[`kurrentdb-${n}`].environment!;
      expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
      expect(env.KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS).toBe(`kurrentdb-${n}`);
      expect(env.KURRENTDB_GOSSIP_SEED.split(',').sort()).toEqual([1, 2, 3].filter((m) => m !== n).map((m) => `kurrentdb-${m}:2113`));
    }
    // Three distinct volumes: a node never shares its data with another.
    expect(new Set([1, 2, 3].map((n) => services[`kurrentdb-${n}`].volumes![0].split(':')[0])).size).toBe(3);
  });

  it('makes the PostgreSQL primary wait for its standby on every commit', () => {
    const primary = (services['postgres-primary'].command as string[]).join(' ');
    expect(primary).toContain('synchronous_commit=on');
    expect(primary).toContain('synchronous_standby_names=FIRST 1 (standby)');
    const standbyScript = readFileSync(join(ROOT, 'docker/postgres-standby.sh'), 'utf8');
    expect(standbyScript).toContain('pg_basebackup -h postgres-primary');
    expect(standbyScript).toContain('cluster_name=standby'); // the name the primary waits for
  });

  it('runs two instances with distinct lease names on the same databases, and nginx in front of exactly those', () => {
    const [one, two] = [services['urna-1'].environment!, services['urna-2'].environment!];
    expect(one.URNA_INSTANCE_ID).not.toBe(two.URNA_INSTANCE_ID);
    for (const env of [one, two]) {
      expect(env.URNA_LOG_LEADERSHIP).toBe('lease');
      expect(env.DATABASE_URL).toMatch(/@postgres-primary:5432,postgres-standby:5432\/urna\?target_session_attrs=read-write$/);
      expect(env.EVENTSTORE_URL).toBe('kurrentdb://kurrentdb-1:2113,kurrentdb-2:2113,kurrentdb-3:2113?tls=false');
    }
    expect(one.DATABASE_URL).toBe(two.DATABASE_URL);
    const nginx = readFileSync(join(ROOT, 'docker/nginx.conf'), 'utf8');
    expect([...nginx.matchAll(/^\s*server (\S+) /gm)].map((m) => m[1]).sort()).toEqual(['urna-1:3000', 'urna-2:3000']);
    expect(services.proxy.ports).toEqual(['8080:80']);
    // Only the proxy is published: voters never reach an instance past it.
    for (const name of ['urna-1', 'urna-2']) expect(services[name].ports).toBeUndefined();
  });

  it('mounts only files that exist', () => {
    for (const s of Object.values(services)) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0];
        if (source.startsWith('.')) expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
      }
    }
  });
});
