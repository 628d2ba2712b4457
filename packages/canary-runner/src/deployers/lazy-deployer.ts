import type { Deployer } from './deployer.js';

/**
 * A deployer whose module is imported on first use, so that a package that imports
 * canary-runner pays for a heavy client (the Kubernetes one is ~600 ms and 54 MB) only when
 * an environment actually uses that deployer. The async steps load it themselves; `plan`
 * is synchronous, so a dry run calls `prepare()` first.
 */
export function lazyDeployer(type: Deployer['type'], load: () => Promise<Deployer>): Deployer {
  let loaded: Deployer | undefined;
  let loading: Promise<Deployer> | undefined;
  const get = async () => {
    loading ??= load().then((deployer) => {
      loaded = deployer;
      return deployer;
    });
    return loading;
  };
  const deployer: Deployer = {
    type,
    async prepare() {
      await get();
    },
    plan(step, ctx) {
      // A programming error, not a user's: every dry run awaits prepare() before planning.
      if (!loaded) throw new Error(`the ${type} deployer was planned before prepare()`);
      return loaded.plan(step, ctx);
    },
    deploy: async (ctx) => (await get()).deploy(ctx),
    status: async (ctx, record) => (await get()).status(ctx, record),
    rollback: async (ctx, record) => (await get()).rollback(ctx, record),
    promote: async (ctx, record) => (await get()).promote(ctx, record),
    restore: async (ctx, record) => (await get()).restore(ctx, record),
    settle: async (ctx, record) => (await get()).settle?.(ctx, record) ?? 'nothing to let go of',
    stableUrl: (ctx) => loaded?.stableUrl?.(ctx),
    release: async (ctx, record) => (await get()).release?.(ctx, record),
  };
  return deployer;
}
