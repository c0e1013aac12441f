import { readdirSync, readFileSync } from 'node:fs';

// Benchmarks print CPU per request beside throughput: on a shared 2-core machine the
// throughput of one run varies by a third, the CPU each request costs much less.
/** CPU time (user + system, ms) used so far by a process and its children alive now, and by every PostgreSQL process. */
export function cpuTimes(serverPid: number): { server: number; database: number } {
  const ticks = 10; // ms per clock tick (CLK_TCK is 100 on Linux)
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  let server = 0;
  let database = 0;
  for (const pid of all) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = (Number(fields[11]) + Number(fields[12])) * ticks;
    if (Number(pid) === serverPid || Number(fields[1]) === serverPid) server += used;
    else if (comm === 'postgres') database += used;
  }
  return { server, database };
}
