/**
 * Content negotiation the way a real kube-apiserver does it, restricted to JSON: the engine speaks
 * decoded JSON only, so protobuf and YAML are declined the way the real server declines a media
 * type it does not serve (406 for responses, 415 for request bodies).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { badRequest, tooLarge } from '../engine/api/errors';
import { MAX_REQUEST_BYTES } from '../engine/api/decode';

export { MAX_REQUEST_BYTES };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

/** `application/json;as=Table;v=v1;g=meta.k8s.io, application/json` → its media ranges. */
export function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((r) => r.type !== '');
}

const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);

/**
 * True when some plain JSON answer is acceptable. Clients such as kubectl list protobuf first and
 * JSON as a fallback (`application/vnd.kubernetes.protobuf, application/json`); like the real
 * server we answer those in JSON. No Accept header at all means anything goes.
 */
export function acceptsJson(accept: string | undefined): boolean {
  const ranges = parseAccept(accept);
  return ranges.length === 0 || ranges.some((r) => JSON_RANGES.has(r.type));
}

function status(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export const notAcceptable = (): Status =>
  status(406, 'NotAcceptable', 'only the following media types are accepted: application/json (kubeplay serve speaks JSON only)');

/** The real 415 text, naming only what this server can decode. */
export const unsupportedBodyType = (contentType: string): Status =>
  status(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (kubeplay serve speaks JSON only; got ${JSON.stringify(contentType)})`,
  );

/** Media types whose bodies are JSON text. Server-side apply is YAML by name, but kubectl sends JSON. */
function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === 'application/apply-patch+yaml';
}

export type DecodedBody = { ok: true; body: unknown } | { ok: false; status: Status };

/**
 * Request bytes → the decoded body the engine expects. An empty body is "no body" (DELETE without
 * options, POST of a subresource). A missing Content-Type is read as JSON, as curl users expect.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined, size = raw.length): DecodedBody {
  if (size > MAX_REQUEST_BYTES) return { ok: false, status: tooLarge() };
  if (raw.length === 0) return { ok: true, body: undefined };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && !isJsonMediaType(type)) return { ok: false, status: unsupportedBodyType(contentType ?? '') };
  const text = raw.toString('utf8');
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const hint = type === 'application/apply-patch+yaml' ? ' (kubeplay serve accepts YAML bodies only when they are JSON)' : '';
    return { ok: false, status: badRequest(`couldn't decode the request body as JSON: ${why}${hint}`) };
  }
}

/** `Warning` response header values: code 299, agent `-`, the text quoted with `"` and `\` escaped. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
