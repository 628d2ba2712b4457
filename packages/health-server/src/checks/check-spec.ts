import type { CheckFunction, CheckKind } from './check-types.js';

/** A registered check with every default resolved. */
export interface CheckSpec {
  name: string;
  kind: CheckKind;
  key: string;
  run: CheckFunction;
  timeoutMs: number;
  cacheMs: number;
  critical: boolean;
  componentType?: string;
  close?: () => void;
}
