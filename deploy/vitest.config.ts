import { packageTestConfig } from '../vitest.shared.ts';

// deploy/ holds assets, not TypeScript sources: its tests check the assets with the real tools
// (kubectl kustomize, promtool, a workflow linter), so there is no source coverage to gate.
export default packageTestConfig({ testTimeoutMs: 60_000 });
