export { ApiError, type StatusCause, type StatusDetails } from './api/api-error.js';
export { RESOURCE_TYPES, type ResourceType } from './api/resource-types.js';
export {
  createTestCertificateAuthority,
  type PemPair,
  type TestCertificateAuthority,
} from './certs/test-certificates.js';
export { type ClusterOptions, FakeCluster } from './controllers/fake-cluster.js';
export { GATEWAY_CONTROLLER } from './controllers/httproute-controller.js';
export { templateHash } from './controllers/template-hash.js';
export { installedKubectls, type Kubectl, kubectl } from './kubectl/run-kubectl.js';
export type { AccessPolicy, AccessRule } from './server/access-policy.js';
export {
  type KubeconfigDocument,
  type KubeconfigOptions,
  kubeconfigFor,
  writeKubeconfig,
} from './server/kubeconfig.js';
export {
  type FakeKubernetes,
  type FakeKubernetesOptions,
  type SeenRequest,
  startFakeKubernetes,
} from './server/start-fake-kubernetes.js';
export type { Obj } from './store/object-store.js';
