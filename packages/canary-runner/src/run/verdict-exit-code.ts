import type { CanaryVerdict } from './report-types.js';

/** The process exit code of a verdict: 0 passed, 1 failed (rolled back or kept), 3 a person must look. */
export function verdictExitCode(verdict: CanaryVerdict): 0 | 1 | 3 {
  switch (verdict) {
    case 'ready':
    case 'promoted':
    case 'planned':
      return 0;
    case 'rolled-back':
    case 'failed':
      return 1;
    default:
      return 3;
  }
}
