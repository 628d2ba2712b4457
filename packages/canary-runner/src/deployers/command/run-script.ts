import { spawn } from 'node:child_process';

export interface ScriptResult {
  /** Exit code; null when killed. */
  code: number | null;
  timedOut: boolean;
  /** The last 16 KiB of stdout and of stderr. */
  stdout: string;
  stderr: string;
  durationMs: number;
}

const TAIL_BYTES = 16 * 1024;

/**
 * Runs one user script (argv, or a string through `/bin/sh -c`) in its own process group,
 * with exactly the environment it is given (see `scriptEnvironment`),
 * capturing the tail of its output. Past `timeoutMs`, or when the signal aborts, the whole
 * group is killed: a deploy script's children must not outlive it.
 */
export function runScript(
  command: string[] | string,
  options: {
    env: Record<string, string>;
    cwd: string;
    timeoutMs: number;
    signal?: AbortSignal;
    /** Called with the script's process group id right after spawn, before any await. */
    onSpawn?: (pgid: number) => void;
  },
): Promise<ScriptResult> {
  const [file, ...args] = typeof command === 'string' ? ['/bin/sh', '-c', command] : command;
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(file!, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid) options.onSpawn?.(child.pid);
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => kill();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-TAIL_BYTES);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-TAIL_BYTES);
    });
    const finish = (code: number | null, extra = '') => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, timedOut, stdout, stderr: stderr + extra, durationMs: Date.now() - started });
    };
    child.once('error', (error) => finish(127, `${error.message}\n`));
    child.once('close', (code) => finish(code));
  });
}

/** The last non-empty line of a script's output, for a one-line failure message. */
export function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop()?.slice(0, 300) ?? '';
}
