import { CanaryError } from '../canary-error.js';
import type { EnvironmentConfig } from './config-types.js';

/**
 * What the schema cannot say about `steps` and `router`: steps need a router, and a step's
 * header or cookie match must be one its router can express. `at` names the block
 * (`n1v1.config.json: environments.staging`).
 */
export function validateSteps(config: EnvironmentConfig, at: string): void {
  const { steps, router } = config;
  if (!steps?.length) return;
  const fail = (message: string) => {
    throw new CanaryError('E_CONFIG_INVALID', `${at}.${message}`);
  };
  if (!router)
    fail('steps need a router: set router.type to haproxy, gateway-api, nginx-ingress or command');
  steps.forEach((step, i) => {
    const field = `steps[${i}].match`;
    if (step.match?.header && step.match.cookie) {
      fail(`${field} has both a header and a cookie; one step matches on one of them`);
    }
    if (router?.type === 'gateway-api' && step.match?.cookie) {
      fail(`${field}.cookie: an HTTPRoute matches headers, not cookies; match a header instead`);
    }
    if (
      router?.type === 'nginx-ingress' &&
      step.match?.cookie &&
      step.match.cookie.value !== 'always'
    ) {
      fail(
        `${field}.cookie.value must be "always" with nginx-ingress (its canary-by-cookie sends only "always" to the canary)`,
      );
    }
  });
}
