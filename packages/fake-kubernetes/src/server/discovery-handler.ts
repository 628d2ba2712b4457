import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  aggregatedDiscovery,
  apiGroupList,
  apiResourceList,
  apiVersions,
  VERSION_INFO,
} from '../api/discovery.js';
import { openApiV2Document } from '../openapi/openapi-v2.js';
import { encodeOpenApiV2 } from '../openapi/openapi-v2-protobuf.js';

const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2';

/**
 * /version, /healthz, discovery (legacy, and aggregated apidiscovery.k8s.io/v2 and v2beta1
 * when the Accept header asks for it) and /openapi/v2 (protobuf, as kubectl asks, or JSON).
 * Returns false when the path is not one of these.
 */
export function handleDiscovery(
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
): boolean {
  const path = url.pathname.replace(/\/$/, '') || '/';
  const accept = req.headers.accept ?? '';
  const json = (body: unknown, type = 'application/json') => {
    res.writeHead(200, { 'content-type': type });
    res.end(JSON.stringify(body));
    return true;
  };
  if (req.method !== 'GET') return false;
  if (path === '/version') return json(VERSION_INFO);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return true;
  }
  if (path === '/api' || path === '/apis') {
    const aggregated = /g=apidiscovery\.k8s\.io;\s*v=(v2beta1|v2);\s*as=APIGroupDiscoveryList/.exec(
      accept,
    );
    if (aggregated) {
      const version = aggregated[1]!;
      return json(
        aggregatedDiscovery(path === '/api', `apidiscovery.k8s.io/${version}`),
        `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`,
      );
    }
    return json(path === '/api' ? apiVersions(host) : apiGroupList());
  }
  const groupVersion = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (groupVersion) {
    const list = groupVersion[1]
      ? apiResourceList('', 'v1')
      : apiResourceList(groupVersion[2]!, groupVersion[3]!);
    return list ? json(list) : false;
  }
  if (path === '/openapi/v2' || path === '/swagger.json') {
    const doc = openApiV2Document(VERSION_INFO.gitVersion);
    if (accept.includes(PROTOBUF_V2) || accept.includes('application/com.github.proto-openapi')) {
      res.writeHead(200, { 'content-type': `${PROTOBUF_V2}.v1.0+protobuf` });
      res.end(encodeOpenApiV2(doc));
      return true;
    }
    return json(doc);
  }
  return false;
}
