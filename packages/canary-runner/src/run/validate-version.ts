import { CanaryError } from '../canary-error.js';

/** A version goes into image tags, env vars and file names: keep it to tag-safe characters. */
export function validateVersion(version: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version)) {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `version ${JSON.stringify(version)} is invalid: use letters, digits, ".", "_", "+" and "-" (at most 128)`,
    );
  }
  return version;
}
