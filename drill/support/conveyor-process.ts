import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root, from the sources (jest) or from dist/ (npm run drill, npm run bench). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
export const ROOT = repositoryRoot();
export const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'src', 'main.js');

/** Lines in a product log that mean the drill found a defect, whatever else it measured. */
export const DEFECT_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'a closed pool used after shutdown', pattern: /Cannot use a pool after calling end on the pool/ },
  { name: 'MaxListenersExceeded', pattern: /MaxListenersExceeded/ },
  { name: 'an unexpected GraphQL error', pattern: /unexpected error in a GraphQL request/ },
  { name: 'an unhandled error or rejection', pattern: /Unhandled|uncaughtException|unhandledRejection/ },
  { name: 'a shutdown that overran SHUTDOWN_GRACE', pattern: /shutdown took longer than SHUTDOWN_GRACE/ },
];

export interface ExitRecord {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** we sent the signal that ended it */
  expected: boolean;
  at: number;
}

/**
 * One product process (`node dist/server/src/main.js`, ROLE=api or worker) as a user deploys it: started
 * with its environment, ready when `/readyz` answers 200, stopped with SIGTERM or killed with SIGKILL, and
 * started again with the same environment. Output goes to a log file per process (every incarnation
 * appended); the peak resident memory of each incarnation is read from /proc (VmHWM) while it lives.
 */
export class ConveyorProcess {
  private child: ChildProcess | null = null;
  readonly exits: ExitRecord[] = [];
  private expectingExit = false;
  private peakRssKb = 0;
  private rssTimer: NodeJS.Timeout | null = null;
  readonly url: string;
  incarnations = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Changes the environment of the next start (a new configuration rolled out by a restart). */
  setEnv(patch: Record<string, string>): void {
    this.env = { ...this.env, ...patch };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Peak RSS over every incarnation, in MB. */
  get peakRssMb(): number {
    this.sampleRss();
    return Math.round((this.peakRssKb / 1024) * 10) / 10;
  }

  async start(readyTimeoutMs = 90_000): Promise<void> {
    if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${path.relative(ROOT, SERVER_ENTRY)} is missing: run \`npm run build:server\` first`);
    const log = fs.createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n===== ${this.name} start ${new Date().toISOString()} =====\n`);
    // DRILL_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): Node options NODE_OPTIONS refuses, for profiling a drill
    const nodeArgs = (this.env.DRILL_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.incarnations++;
    this.expectingExit = false;
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('exit', (code, signal) => {
      this.exits.push({ code, signal, expected: this.expectingExit, at: Date.now() });
      this.sampleRss();
      if (this.rssTimer) clearInterval(this.rssTimer);
      this.rssTimer = null;
      setTimeout(() => log.end(), 100);
    });
    this.rssTimer = setInterval(() => this.sampleRss(), 500);
    this.rssTimer.unref();
    const deadline = Date.now() + readyTimeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready (${JSON.stringify(this.exits.at(-1))}); see ${this.logFile}`);
      const ready = await this.readyz().catch((error: unknown) => ({ status: 0, body: String(error) }));
      if (ready.status === 200) return;
      last = `${ready.status} ${ready.body}`;
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${readyTimeoutMs / 1000} s (last: ${last}); see ${this.logFile}`);
  }

  async readyz(): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  }

  /** SIGKILL: no goodbye, as a machine that dies. Resolves once it is gone. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 10_000);
  }

  /** SIGTERM, as an orchestrator stops a replica; resolves with how long it took to exit and its exit code. */
  async terminate(timeoutMs = 60_000): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
    const started = Date.now();
    await this.signal('SIGTERM', timeoutMs);
    const exit = this.exits.at(-1)!;
    return { ms: exit.at - started, code: exit.code, signal: exit.signal };
  }

  private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.sampleRss();
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${this.name} did not exit within ${timeoutMs / 1000} s of ${signal}`);
    }
  }

  /** Exits we did not cause (a crash): the drill fails on any. */
  get unexpectedExits(): ExitRecord[] {
    return this.exits.filter((e) => !e.expected);
  }

  /** Defect lines found in this process's log (every incarnation). */
  defects(): string[] {
    const text = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
    const found: string[] = [];
    for (const { name, pattern } of DEFECT_PATTERNS) {
      const line = text.split('\n').find((l) => pattern.test(l));
      if (line) found.push(`${this.name}: ${name}: ${line.slice(0, 400)}`);
    }
    return found;
  }

  private sampleRss(): void {
    const pid = this.child?.pid;
    if (!pid || !this.running) return;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) this.peakRssKb = Math.max(this.peakRssKb, Number(match[1]));
    } catch {
      // gone meanwhile, or no /proc (the figure is then 0)
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
