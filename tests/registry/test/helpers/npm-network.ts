import { runCommand } from './run-command.js';

/** How npm reaches its registry from this shell; Verdaccio's uplink has to reach it the same way. */
export interface NpmNetwork {
  /** The registry npm installs from, e.g. `https://registry.npmjs.org/`. */
  registry: string;
  /** The CA bundle npm trusts (`cafile`), when one is configured: a TLS-inspecting proxy's CA is often only there. */
  cafile?: string;
  httpsProxy?: string;
  proxy?: string;
  noproxy?: string;
  strictSsl: boolean;
}

const KEYS = ['registry', 'cafile', 'https-proxy', 'proxy', 'noproxy', 'strict-ssl'] as const;

/**
 * npm's own answer (`npm config get`), with the environment of a user's shell: npm reads its
 * global and built-in npmrc as it would for `npm install`, so a CA or proxy configured there
 * (and nowhere in the environment) is found too.
 */
export async function npmNetwork(cwd: string, env: NodeJS.ProcessEnv): Promise<NpmNetwork> {
  const result = await runCommand('npm', ['config', 'get', ...KEYS], {
    cwd,
    env,
    timeoutMs: 60_000,
  });
  if (result.code !== 0) {
    throw new Error(`npm config get failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  const values = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const at = line.indexOf('=');
    const value = line.slice(at + 1).trim();
    if (at > 0 && value !== '' && value !== 'null' && value !== 'undefined') {
      values.set(line.slice(0, at).trim(), value);
    }
  }
  return {
    registry: values.get('registry') ?? 'https://registry.npmjs.org/',
    cafile: values.get('cafile'),
    httpsProxy: values.get('https-proxy'),
    proxy: values.get('proxy'),
    noproxy: values.get('noproxy'),
    strictSsl: values.get('strict-ssl') !== 'false',
  };
}
