/**
 * `/openapi/v3` (and a 404 for `/openapi/v2`), which the real kubectl 1.30 reads for:
 *
 * - field validation: `create`/`apply`/`replace` (default `--validate=strict`) first ask v3 whether
 *   the server supports the `fieldValidation` query parameter for the kind at hand; if it cannot
 *   tell, it validates client-side against `/openapi/v2`, and without that it refuses with
 *   `failed to download openapi`. Every kind's PATCH operation therefore declares
 *   `fieldValidation`, and unknown fields are left to the engine's strict decoding, as on a real
 *   1.30 cluster;
 * - `kubectl explain` and `apply`'s strategic-merge patches: the component schemas
 *   (openapi-schemas.ts).
 *
 * The root lists one document per group-version, each with a content hash in its URL so kubectl
 * can cache it.
 */
import { createHash } from 'node:crypto';
import { VERSION_INFO } from '../engine/api/discovery';
import { pageNotFound } from '../engine/api/errors';
import { collectionPath, groupVersion, RESOURCES, type ResourceInfo } from '../engine/api/resources';
import { loadSchemaDocs, typeNameOfKind, type TypeDocs } from '../engine/api/schema';
import type { ApiResponse } from '../engine/api/types';
import { componentBuilder } from './openapi-schemas';

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

function groupVersionDocument(key: string, docs: Record<string, TypeDocs>): unknown {
  const members = RESOURCES.filter((r) => gvKey(r) === key);
  const components = componentBuilder(docs);
  const paths: Record<string, unknown> = {};
  for (const r of members) {
    const typeName = typeNameOfKind(groupVersion(r), r.kind);
    if (typeName) components.markKind(typeName, { group: r.group, kind: r.kind, version: r.version });
    if (!r.verbs.includes('patch')) continue;
    paths[objectPathTemplate(r)] = {
      patch: {
        operationId: `patch${r.kind}`,
        parameters: QUERY_PARAMS,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    components: { schemas: components.schemas },
  };
}

interface V3Documents {
  root: unknown;
  /** Serialized once; each request parses its own copy. */
  byKey: Map<string, string>;
}

let documents: Promise<V3Documents> | undefined;

/** The descriptions are optional: without the generated docs file, explain just has none. */
async function schemaDocs(): Promise<Record<string, TypeDocs>> {
  try {
    return await loadSchemaDocs();
  } catch {
    return {};
  }
}

/** Built once per process: the resource table and schema do not change while it runs. */
function v3Documents(): Promise<V3Documents> {
  documents ??= schemaDocs().then((docs) => {
    const byKey = new Map<string, string>();
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const key of [...new Set(RESOURCES.map(gvKey))].sort()) {
      const text = JSON.stringify(groupVersionDocument(key, docs));
      byKey.set(key, text);
      const hash = createHash('sha512').update(text).digest('hex').toUpperCase();
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
    return { root: { paths }, byKey };
  });
  return documents;
}

const notFound = (): ApiResponse => ({ status: 404, body: pageNotFound() });

export const isOpenApiPath = (pathname: string): boolean =>
  pathname === '/openapi/v2' || pathname === '/openapi/v3' || pathname.startsWith('/openapi/v3/');

/** The response for a GET of an OpenAPI path (see `isOpenApiPath`). */
export async function openApiResponse(pathname: string): Promise<ApiResponse> {
  if (pathname === '/openapi/v2') return notFound();
  const docs = await v3Documents();
  if (pathname === '/openapi/v3') return { status: 200, body: docs.root };
  const text = docs.byKey.get(pathname.slice('/openapi/v3/'.length));
  return text === undefined ? notFound() : { status: 200, body: JSON.parse(text) as unknown };
}
