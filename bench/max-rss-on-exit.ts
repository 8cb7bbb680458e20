/**
 * Preloaded (`-r`) into a bench's child process: when the process exits, writes its peak
 * resident set size and CPU time to the file URNA_BENCH_USAGE_FILE names. The peak covers the
 * whole process, worker threads included, from its start (Node's own ~50 MB among it): what the
 * phase the child ran needs, as an operator sizing the machine for it would read it.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.URNA_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ max_rss_kib: u.maxRSS, user_cpu_s: u.userCPUTime / 1e6, system_cpu_s: u.systemCPUTime / 1e6 }));
  });
}
