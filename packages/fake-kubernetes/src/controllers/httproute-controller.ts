import type { Obj } from '../store/object-store.js';
import type { ControllerContext } from './controller-context.js';
import { isoNow } from './controller-context.js';

export const GATEWAY_CONTROLLER = 'n1v1.dev/fake-gateway-controller';

/**
 * What a Gateway API implementation reports on each HTTPRoute: per parent, Accepted when
 * the parent Gateway exists, and ResolvedRefs False (BackendNotFound) while a backend
 * Service is missing. Routing itself is not simulated: the weights are data for the client.
 */
export function reconcileHttpRoutes(ctx: ControllerContext): void {
  const routeType = ctx.type('HTTPRoute');
  for (const route of ctx.store.list(routeType)) {
    const ns = route.metadata.namespace;
    const missing = (route.spec?.rules ?? [])
      .flatMap((r: Obj) => r.backendRefs ?? [])
      .filter(
        (b: Obj) =>
          (b.kind ?? 'Service') === 'Service' &&
          !ctx.store.get(ctx.type('Service'), b.namespace ?? ns, b.name),
      )
      .map((b: Obj) => b.name);
    const generation = route.metadata.generation;
    const before: Obj[] = route.status?.parents ?? [];
    const parents = (route.spec?.parentRefs ?? []).map((parentRef: Obj) => {
      const gateway = ctx.store.get(ctx.type('Gateway'), parentRef.namespace ?? ns, parentRef.name);
      const old = before.find((p) => p.parentRef?.name === parentRef.name);
      const condition = (type: string, ok: boolean, reason: string, message: string) => {
        const prior = old?.conditions?.find((c: Obj) => c.type === type);
        const status = ok ? 'True' : 'False';
        return {
          type,
          status,
          reason,
          message,
          observedGeneration: generation,
          lastTransitionTime:
            prior?.status === status ? prior.lastTransitionTime : isoNow(ctx.now()),
        };
      };
      return {
        parentRef,
        controllerName: GATEWAY_CONTROLLER,
        conditions: [
          condition(
            'Accepted',
            Boolean(gateway),
            gateway ? 'Accepted' : 'NoMatchingParent',
            gateway ? 'Route is accepted' : `Gateway "${parentRef.name}" not found`,
          ),
          condition(
            'ResolvedRefs',
            missing.length === 0,
            missing.length ? 'BackendNotFound' : 'ResolvedRefs',
            missing.length
              ? `Service(s) ${missing.join(', ')} not found`
              : 'Resolved all the Object references for the Route',
          ),
        ],
      };
    });
    route.status = { parents };
    ctx.save(routeType, route);
  }
}
