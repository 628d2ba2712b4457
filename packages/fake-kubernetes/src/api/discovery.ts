import { groupVersion, RESOURCE_TYPES, type ResourceType } from './resource-types.js';

/** What /version answers: the fake says it is Kubernetes 1.30. */
export const VERSION_INFO = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.0-n1v1-fake',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const groups = () => [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))];
const typesOf = (group: string, version?: string) =>
  RESOURCE_TYPES.filter((t) => t.group === group && (!version || t.version === version));

/** GET /api: the legacy group's versions. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis: every named group with its versions (legacy discovery). */
export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups().map((name) => {
      const version = { groupVersion: `${name}/v1`, version: 'v1' };
      return { name, versions: [version], preferredVersion: version };
    }),
  };
}

/** GET /api/v1 or /apis/<group>/<version>: the resources of one group version. */
export function apiResourceList(group: string, version: string) {
  const types = typesOf(group, version);
  if (!types.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: types.flatMap((t) => [
      {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      },
      ...t.subresources.map((sub) => ({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(sub === 'scale'
          ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
          : { kind: t.kind }),
        verbs: ['get', 'patch', 'update'],
      })),
    ]),
  };
}

/** The aggregated discovery document (apidiscovery.k8s.io/v2) of /api (core) or /apis. */
export function aggregatedDiscovery(core: boolean, apiVersion = 'apidiscovery.k8s.io/v2') {
  const names = core ? [''] : groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion,
    metadata: {},
    items: names.map((name) => ({
      metadata: { name, ...(name ? {} : {}) },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: typesOf(name, 'v1').map((t: ResourceType) => ({
            resource: t.plural,
            responseKind: { group: t.group, version: t.version, kind: t.kind },
            scope: t.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: t.singular,
            verbs: t.verbs,
            ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
            subresources: t.subresources.map((sub) => ({
              subresource: sub,
              responseKind:
                sub === 'scale'
                  ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
                  : { group: t.group, version: t.version, kind: t.kind },
              verbs: ['get', 'patch', 'update'],
            })),
          })),
        },
      ],
    })),
  };
}
