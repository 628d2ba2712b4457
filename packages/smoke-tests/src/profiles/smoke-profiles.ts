import type { BuiltInCheckName } from '../smoke-types.js';

/** The contracts the suite knows: which endpoints a service has and how strictly to read them. */
export const SMOKE_PROFILE_NAMES = ['n1v1', 'generic', 'kubernetes', 'spring'] as const;
export type SmokeProfileName = (typeof SMOKE_PROFILE_NAMES)[number];

export interface SmokeProfile {
  name: SmokeProfileName;
  /** One line for `--help` and the README. */
  summary: string;
  /** Default paths of the checks that read an endpoint. */
  paths: { health: string; ready: string; status: string; metrics: string };
  /**
   * `health`/`ready` want a health+json body whose status is pass or warn (N1V1, IETF draft).
   * Lenient: any 2xx passes whatever the body; a JSON body is read only for details.
   */
  strictHealthBody: boolean;
  /** Built-in checks this contract has; the others are skipped, saying so. */
  checks: Exclude<BuiltInCheckName, 'load'>[];
}

export const SMOKE_PROFILES: Record<SmokeProfileName, SmokeProfile> = {
  n1v1: {
    name: 'n1v1',
    summary:
      'the full N1V1 contract: /health, /ready, /api/v1/status with its trading block, /metrics',
    paths: { health: '/health', ready: '/ready', status: '/api/v1/status', metrics: '/metrics' },
    strictHealthBody: true,
    checks: ['health', 'ready', 'status', 'trading', 'resources'],
  },
  generic: {
    name: 'generic',
    summary:
      'any service: /health and /ready answer 2xx (JSON bodies read for details), /metrics if present',
    paths: { health: '/health', ready: '/ready', status: '/api/v1/status', metrics: '/metrics' },
    strictHealthBody: false,
    checks: ['health', 'ready', 'resources'],
  },
  kubernetes: {
    name: 'kubernetes',
    summary: 'Kubernetes-style probes: /livez and /readyz answer 2xx, /metrics if present',
    paths: { health: '/livez', ready: '/readyz', status: '/api/v1/status', metrics: '/metrics' },
    strictHealthBody: false,
    checks: ['health', 'ready', 'resources'],
  },
  spring: {
    name: 'spring',
    summary:
      'Spring Boot Actuator: /actuator/health/liveness and /actuator/health/readiness answer 2xx, /actuator/prometheus',
    paths: {
      health: '/actuator/health/liveness',
      ready: '/actuator/health/readiness',
      status: '/actuator/info',
      metrics: '/actuator/prometheus',
    },
    strictHealthBody: false,
    checks: ['health', 'ready', 'resources'],
  },
};

export function isSmokeProfileName(value: unknown): value is SmokeProfileName {
  return (SMOKE_PROFILE_NAMES as readonly unknown[]).includes(value);
}
