import type { RouteMatch, RouterConfig } from '../../config/config-types.js';
import type { PlannedAction } from '../../run/planned-action.js';

/** Where the two versions answer, as the deploy gave them. */
export interface RouterTargets {
  canaryUrl: string;
  /** The stable version; a router that sits in front of both (haproxy) needs it. */
  stableUrl?: string;
}

/** What a started router tells the run. */
export interface RouterStart {
  /** Where clients are sent (the haproxy frontend); routers inside a cluster have none. */
  entryUrl?: string;
  /**
   * What another process needs to find this router again after a crash (pid, socket, route
   * name); written to the journal before the first weight change.
   */
  record: Record<string, unknown>;
}

/** Requests each version answered through the router so far, when it can count them. */
export interface RoutedCounts {
  stable: number;
  canary: number;
}

/**
 * The one interface of the `haproxy`, `gateway-api`, `nginx-ingress` and `command`
 * routers: the canary's share of real traffic, in percent, changed at run time.
 */
export interface TrafficRouter {
  readonly type: RouterConfig['type'];
  /** The weight last set, in percent of requests sent to the canary (0 before any). */
  readonly weightPercent: number;
  /** The header/cookie match last set, if any. */
  readonly match: RouteMatch | undefined;
  /** Gets ready to route with the canary at 0 %. */
  start(targets: RouterTargets, signal: AbortSignal): Promise<RouterStart>;
  /**
   * Sends `weightPercent` of requests to the canary; with `match`, requests that match go to
   * the canary whatever the weight (where the router supports it; others throw
   * E_CONFIG_INVALID when the config is loaded). Resolves to a one-line description.
   */
  setWeight(weightPercent: number, match?: RouteMatch): Promise<string>;
  /** The actions of one weight change, for `--dry-run`. Takes none. */
  plan(weightPercent: number, match?: RouteMatch): PlannedAction[];
  /** Requests counted per version so far (haproxy's own counters). */
  counts?(): Promise<RoutedCounts>;
  /** Stops what the router started (the haproxy process). Idempotent. */
  close(): Promise<void>;
}

/** "25 % to the canary, and requests with header x-canary: internal" */
export function describeWeight(weightPercent: number, match?: RouteMatch): string {
  const parts = [`${weightPercent} % to the canary`];
  if (match?.header) parts.push(`requests with header ${match.header.name}: ${match.header.value}`);
  if (match?.cookie) parts.push(`requests with cookie ${match.cookie.name}=${match.cookie.value}`);
  return parts.join(', and ');
}
