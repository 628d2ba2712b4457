import { spawn } from 'node:child_process';

/** What a finished child process printed, and its exit code (null when it was killed). */
export interface ChildOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end without blocking the event loop (so that two can load a
 * service at the same time) and collects its output. It is killed after `limitSec`, so a
 * load generator that hangs cannot hold the run.
 */
export function runChild(command: string, args: string[], limitSec: number): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitSec * 1000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
