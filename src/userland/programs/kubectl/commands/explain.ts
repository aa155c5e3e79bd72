/**
 * `kubectl explain TYPE[.field…]`: the documentation of a kind or of one of its fields, from the
 * API schema the apiserver decodes with (field types, required fields) and its descriptions, in
 * kubectl 1.30's plaintext layout (explain/render.ts).
 */
import { SCHEMA_DOCS, typeNameOfKind, type SchemaDocs } from '../../../../engine/api/schema';
import { sys, type Proc, type Sys } from '../../../../engine/runtime/process';
import { groupVersionOf, KubectlError, type KubectlCommand } from '../framework';
import { renderExplain } from '../explain/render';

/** The descriptions, waiting for the host to supply them if they have not arrived yet. */
function* schemaDocs(proc: Proc): Sys<SchemaDocs> {
  const shelf = proc.facility(SCHEMA_DOCS);
  if (!shelf) throw new KubectlError('the API documentation is not available here');
  if (!shelf.current) yield* sys.until(shelf.arrived);
  return shelf.current!;
}

export const explain: KubectlCommand = {
  name: 'explain',
  short: 'Describe the fields of a resource type',
  long: `Show what a resource type, or one of its fields, means and which fields it has, from the schema the API server publishes. Name a field with dots: pod.spec.containers.

 Use "kubectl api-resources" to see the types there are.`,
  examples: `# What a pod is, and its top-level fields
kubectl explain pods

# One field, deeper down
kubectl explain pod.spec.containers.livenessProbe

# Every field of a pod's containers at once
kubectl explain pod.spec.containers --recursive

# A deployment as the apps/v1 API has it
kubectl explain deployments --api-version=apps/v1`,
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'api-version', type: 'string', usage: 'Explain the type as it is in this group/version (apps/v1, ...) rather than the preferred one.' },
    { name: 'output', type: 'string', default: "'plaintext'", usage: 'How to show the schema: plaintext (default) or plaintext-openapiv2.' },
    { name: 'recursive', type: 'bool', usage: 'If true, list every field below the given one, nested, without descriptions.' },
  ],
  *run(k, args) {
    if (args.length === 0) {
      throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    if (args.length > 1) throw new KubectlError('We accept only this format: explain RESOURCE');
    const output = k.flags.string('output') || 'plaintext';
    if (output !== 'plaintext') throw new KubectlError(`kubectl explain --output=${output} is not simulated in kubeplay yet`);
    const [word, ...path] = args[0]!.split('.');
    const resource = (yield* k.discovery()).resolve(word!);
    if (!resource) {
      // explain prints this one without kubectl's `error: ` prefix.
      yield* k.err(`the server doesn't have a resource type ${JSON.stringify(word)}\n`);
      return 1;
    }
    const wanted = k.flags.string('api-version');
    const group = wanted.includes('/') ? wanted.slice(0, wanted.indexOf('/')) : wanted ? '' : resource.group;
    const version = wanted ? wanted.slice(wanted.indexOf('/') + 1) : resource.version;
    const typeName = group === resource.group && version === resource.version ? typeNameOfKind(groupVersionOf(resource), resource.kind) : undefined;
    if (!typeName) throw new KubectlError(`couldn't find resource for "${group}/${version}, Resource=${resource.name}"`);
    const docs = yield* schemaDocs(k.proc);
    const rendered = renderExplain({ group, version, kind: resource.kind, typeName, path, recursive: k.flags.bool('recursive') }, docs);
    yield* k.out(rendered.text);
    if (rendered.error) throw new KubectlError(rendered.error);
    return 0;
  },
};
