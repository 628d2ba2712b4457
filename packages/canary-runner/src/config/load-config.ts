import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CanaryError } from '../canary-error.js';
import { validateEnvName } from '../run/state-paths.js';
import type { EnvironmentOverrides, ResolvedCanaryConfig } from './config-types.js';
import { DEFAULT_SERVICE, defaultEnvironment } from './defaults.js';
import { mergeEnvironment } from './merge-environment.js';
import { validateConfigFile, validateEnvironment } from './validate-config.js';
import { validateSteps } from './validate-steps.js';

/** The file `loadCanaryConfig` reads from the cwd when no path is given. */
export const CONFIG_FILE_NAME = 'n1v1.config.json';

export interface LoadConfigOptions {
  /** Environment block to use. Default `staging`. */
  env?: string;
  /** Directory of the default config file and of `.n1v1/`. Default `process.cwd()`. */
  cwd?: string;
  /** Config file; when given it must exist. Default `<cwd>/n1v1.config.json` if present. */
  path?: string;
  /** Options that win over the file (CLI flags, `runCanary` options). */
  overrides?: EnvironmentOverrides;
  /**
   * The local deployer's `command` when neither the file nor the overrides give one (the n1v1
   * CLI passes its example service). No default: the library starts nothing it was not told to.
   */
  localCommand?: string[];
}

interface ConfigFile {
  service?: string;
  stateDir?: string;
  environments: Record<string, EnvironmentOverrides>;
}

/**
 * Reads and validates the config, picks one environment and layers it over the defaults.
 * With no file at all the defaults give a working local run. Every problem is a
 * CanaryError E_CONFIG_INVALID whose message names the file and the field.
 */
export function loadCanaryConfig(options: LoadConfigOptions = {}): ResolvedCanaryConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  // Checked before anything else, config file or not: the name becomes file names.
  const env = validateEnvName(options.env ?? 'staging');
  const path = options.path ? resolve(cwd, options.path) : resolve(cwd, CONFIG_FILE_NAME);
  const file = readConfigFile(path, options.path !== undefined);
  const source = file ? basename(path) : 'options';
  if (file && !Object.hasOwn(file.environments, env)) {
    const known = Object.keys(file.environments);
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `${source}: environments.${env} is not defined (known: ${known.join(', ') || 'none'}); add it or pass --env`,
    );
  }
  const block = file?.environments[env];
  const merged = mergeEnvironment(defaultEnvironment(), block, options.overrides);
  if (merged.deployer.type === 'local' && !merged.deployer.command && options.localCommand)
    merged.deployer = { ...merged.deployer, command: options.localCommand };
  // The file was validated whole above, so what fails here came from the options.
  validateEnvironment(merged, 'options', '');
  checkErrorStatus(merged.metrics.mapping?.errorStatus, file ? source : 'options', env);
  validateSteps(merged, file ? `${source}: environments.${env}` : 'options');
  return {
    ...merged,
    service: file?.service ?? DEFAULT_SERVICE,
    env,
    ...(file ? { configPath: path } : {}),
    stateDir: resolve(cwd, file?.stateDir ?? '.n1v1'),
    cwd,
  };
}

/**
 * The state directory (journals, locks, reports) the config names, without picking an
 * environment: what `n1v1 report` and `n1v1 history` read.
 */
export function resolveStateDir(
  options: Omit<LoadConfigOptions, 'env' | 'overrides'> = {},
): string {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = options.path ? resolve(cwd, options.path) : resolve(cwd, CONFIG_FILE_NAME);
  const file = readConfigFile(path, options.path !== undefined);
  return resolve(cwd, file?.stateDir ?? '.n1v1');
}

function readConfigFile(path: string, required: boolean): ConfigFile | undefined {
  if (!existsSync(path)) {
    if (!required) return undefined;
    throw new CanaryError('E_CONFIG_INVALID', `config file ${path} does not exist; check --config`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CanaryError('E_CONFIG_INVALID', `${basename(path)} is not valid JSON: ${why}`);
  }
  validateConfigFile(parsed, basename(path));
  return parsed as ConfigFile;
}

/** `metrics.mapping.errorStatus` is a regular expression: one that does not compile is a config error. */
function checkErrorStatus(pattern: string | undefined, source: string, env: string): void {
  if (pattern === undefined) return;
  try {
    new RegExp(pattern);
  } catch {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `${source}: environments.${env}.metrics.mapping.errorStatus ${JSON.stringify(pattern)} is not a valid regular expression; write one like "5.." or "5..|429"`,
    );
  }
}
