import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

/** One message of the Nu HTML Checker, with the file it is about. */
export interface HtmlProblem {
  file: string;
  line?: number;
  message: string;
  extract?: string;
}

/**
 * Runs the Nu HTML Checker (npm vnu-jar; Java 11+ from the machine, `.ci/run` installs
 * default-jre-headless) once over a folder of saved pages: one JVM start for all of them.
 * Returns the errors (warnings are left out with --errors-only).
 */
export function checkHtmlFolder(dir: string): Promise<HtmlProblem[]> {
  const jar = String(createRequire(import.meta.url)('vnu-jar'));
  return new Promise((done, fail) => {
    // The checker exits non-zero when it finds errors; the JSON report is on stderr either way.
    execFile('java', ['-jar', jar, '--errors-only', '--format', 'json', dir], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      let report: { messages?: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
      try {
        report = JSON.parse(stderr);
      } catch {
        return fail(new Error(`the Nu HTML Checker did not report JSON${error ? ` (${error.message})` : ''}:\n${stderr.slice(0, 2000)}`));
      }
      done(
        (report.messages ?? [])
          .filter((m) => m.type === 'error' || m.type === 'non-document-error')
          .map((m) => ({ file: basename(decodeURIComponent(m.url ?? '')), line: m.lastLine, message: m.message, extract: m.extract })),
      );
    });
  });
}
