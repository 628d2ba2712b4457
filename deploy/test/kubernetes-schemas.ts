import { startFakeKubernetes } from '@n1v1/fake-kubernetes';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';

// biome-ignore lint/suspicious/noExplicitAny: the models take raw manifests
type Model = new (data: any) => { validate(): void };
const MODELS: Record<string, Model> = {
  Namespace,
  Service,
  ServiceAccount,
  Deployment,
  PodDisruptionBudget,
  Role,
  RoleBinding,
};

const PATHS: Record<string, string> = {
  Namespace: '/api/v1/namespaces',
  Service: '/api/v1/namespaces/{ns}/services',
  ServiceAccount: '/api/v1/namespaces/{ns}/serviceaccounts',
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments',
  PodDisruptionBudget: '/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets',
  Role: '/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles',
  RoleBinding: '/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings',
};

/**
 * Every problem with rendered manifests, as one line each: the JSON schemas of the
 * kubernetes-models package (types, required fields, formats), then a server dry run on the
 * fake API server with fieldValidation=Strict (unknown fields, which those schemas allow, and
 * the API server's semantic checks). An empty list means valid.
 */
export async function validateWithKubernetesSchemas(
  manifests: Array<{ kind: string; metadata: { name: string; namespace?: string } }>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const m of manifests) {
    const model = MODELS[m.kind];
    if (!model) {
      problems.push(`${m.kind}/${m.metadata.name}: no schema for this kind`);
      continue;
    }
    try {
      new model(m).validate();
    } catch (error) {
      problems.push(`${m.kind}/${m.metadata.name}: ${(error as Error).message}`);
    }
  }
  const fake = await startFakeKubernetes({ stepMs: 3_600_000 });
  try {
    for (const m of manifests) {
      const ns = m.metadata.namespace ?? 'default';
      if (m.kind !== 'Namespace')
        fake.cluster.get('Namespace', '', ns) ??
          fake.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const path = PATHS[m.kind]?.replace('{ns}', ns);
      if (!path) continue;
      const res = await fetch(`${fake.url}${path}?dryRun=All&fieldValidation=Strict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(m),
      });
      if (!res.ok)
        problems.push(
          `${m.kind}/${m.metadata.name}: ${((await res.json()) as { message: string }).message}`,
        );
    }
  } finally {
    await fake.close();
  }
  return problems;
}
