// How much memory a huge request body costs the server: streams BODY_MB (300) MB to the
// Sanity webhook in three ways (no signature; a bogus signature, so the body is read up to
// the cap; a declared Content-Length) and samples the server's resident memory (VmRSS
// from /proc) every 50 ms. Prints the status and peak RSS of each and writes
// bench/results/body-rss.json. Run: npm run build && node bench/body-rss.ts (Linux only).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/server.ts';

const MB = 1024 * 1024;
const total = Number(process.env.BODY_MB ?? 300) * MB;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'redress-rss-'));
const server = await startServer({ DATA_DIR: dataDir, SANITY_WEBHOOK_SECRET: 'rss-webhook-secret' });
const chunk = new Uint8Array(MB).fill(0x61);

function body(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

async function measure(name: string, headers: Record<string, string>) {
  const before = rssMb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 50);
  const started = performance.now();
  let status: number;
  try {
    const response = await fetch(`${server.url}/api/sanity-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body(),
      duplex: 'half',
    } as RequestInit);
    status = response.status;
    await response.arrayBuffer();
  } catch (error) {
    status = -1; // the server closed the connection mid-upload, which is what it should do
  }
  await new Promise((r) => setTimeout(r, 300));
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(server.pid));
  const result = {
    name,
    status,
    rssBeforeMb: Math.round(before),
    rssPeakMb: Math.round(peak),
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  console.log(`${name}: status ${status}, RSS ${result.rssBeforeMb} -> ${result.rssPeakMb} MB (${result.seconds} s)`);
  return result;
}

// Warm the server up first, so the first measurement is not the cost of loading it.
await fetch(`${server.url}/en/`);
const results = [
  await measure(`${total / MB} MB, unsigned, chunked`, {}),
  await measure(`${total / MB} MB, bogus signature, chunked`, { 'sanity-webhook-signature': `t=${Date.now()},v1=AAAA` }),
  await measure(`${total / MB} MB, bogus signature, Content-Length`, {
    'sanity-webhook-signature': `t=${Date.now()},v1=AAAA`,
    'content-length': String(total),
  }),
];
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/body-rss.json', JSON.stringify(results, null, 2));
