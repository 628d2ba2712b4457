import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A kubectl binary and its client version, e.g. `v1.20.2`. */
export interface Kubectl {
  path: string;
  version: string;
}

const CANDIDATES = ['kubectl', '/opt/debian-kubectl/usr/bin/kubectl'];

/**
 * Every distinct kubectl on this machine: the one on PATH (Debian's 1.20 on a bare CI
 * machine, installed by scripts/ensure-test-tools.sh) and Debian's extracted copy when
 * present, so the workflows are checked against each client version there is.
 */
export async function installedKubectls(): Promise<Kubectl[]> {
  const found: Kubectl[] = [];
  for (const path of CANDIDATES) {
    if (path.includes('/') && !existsSync(path)) continue;
    try {
      const { stdout } = await run(path, ['version', '--client', '-o', 'json']);
      const version = (JSON.parse(stdout) as { clientVersion: { gitVersion: string } })
        .clientVersion.gitVersion;
      if (!found.some((k) => k.version === version)) found.push({ path, version });
    } catch {
      // not installed
    }
  }
  if (!found.length)
    throw new Error(
      'no kubectl found: run scripts/ensure-test-tools.sh (Debian kubernetes-client)',
    );
  return found;
}

/** Runs kubectl against a kubeconfig; resolves with stdout, rejects with stderr on a non-zero exit. */
export async function kubectl(k: Kubectl, kubeconfig: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(k.path, ['--kubeconfig', kubeconfig, ...args], {
      timeout: 60_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    throw new Error(
      `kubectl ${args.join(' ')} failed: ${(e.stderr || e.stdout || String(error)).trim()}`,
    );
  }
}
