/**
 * `/openapi/v2` and `/openapi/v3`.
 *
 * kubeplay publishes no schemas yet, but kubectl 1.30 (`create`/`apply`/`replace` with the default
 * `--validate=strict`) first asks OpenAPI v3 whether the server supports the `fieldValidation`
 * query parameter for the kind at hand; if it cannot tell, it validates client-side against
 * `/openapi/v2`, and when that is missing too it refuses with `failed to download openapi`.
 * So v3 serves a skeleton: per group-version, the PATCH operation of every kind declares
 * `fieldValidation`, which makes kubectl leave unknown-field checks to the server (strict decoding
 * in the engine), exactly as against a real 1.30 cluster. v2 stays a 404.
 */
import { createHash } from 'node:crypto';
import { pageNotFound } from '../engine/api/errors';
import { VERSION_INFO } from '../engine/api/discovery';
import { collectionPath, RESOURCES, type ResourceInfo } from '../engine/api/resources';
import type { ApiResponse } from '../engine/api/types';

/** `api/v1`, `apis/apps/v1`: how the v3 root names a group-version. */
const gvKey = (r: Pick<ResourceInfo, 'group' | 'version'>): string => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`);

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

function objectPathTemplate(r: ResourceInfo): string {
  return r.namespaced ? `${collectionPath(r, '{namespace}')}/{name}` : `${collectionPath(r)}/{name}`;
}

function groupVersionDocument(key: string): unknown {
  const paths: Record<string, unknown> = {};
  for (const r of RESOURCES) {
    if (gvKey(r) !== key || !r.verbs.includes('patch')) continue;
    paths[objectPathTemplate(r)] = {
      patch: {
        operationId: `patch${r.kind}`,
        parameters: QUERY_PARAMS,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion }, paths, components: { schemas: {} } };
}

interface V3Documents {
  root: unknown;
  byKey: Map<string, string>;
}

let documents: V3Documents | undefined;

/** Built once: the resource table does not change while the process runs. */
function v3Documents(): V3Documents {
  if (documents) return documents;
  const byKey = new Map<string, string>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const key of [...new Set(RESOURCES.map(gvKey))].sort()) {
    const text = JSON.stringify(groupVersionDocument(key));
    byKey.set(key, text);
    // The hash lets clients cache each document for as long as it does not change.
    const hash = createHash('sha512').update(text).digest('hex').toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  documents = { root: { paths }, byKey };
  return documents;
}

const notFound = (): ApiResponse => ({ status: 404, body: pageNotFound() });

/** The response for an OpenAPI path, or undefined when the path is not one. */
export function openApiResponse(method: string, pathname: string): ApiResponse | undefined {
  if (pathname === '/openapi/v2') return method === 'GET' ? notFound() : undefined;
  if (pathname !== '/openapi/v3' && !pathname.startsWith('/openapi/v3/')) return undefined;
  if (method !== 'GET') return undefined;
  const docs = v3Documents();
  if (pathname === '/openapi/v3') return { status: 200, body: docs.root };
  const text = docs.byKey.get(pathname.slice('/openapi/v3/'.length));
  return text === undefined ? notFound() : { status: 200, body: JSON.parse(text) as unknown };
}
