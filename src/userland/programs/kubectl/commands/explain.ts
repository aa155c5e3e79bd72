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
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `  # What a Pod is, and its top-level fields
  kubectl explain pods

  # Every field of a Pod, as a tree of names and types
  kubectl explain pods --recursive

  # A Deployment in a given API version
  kubectl explain deployments --api-version=apps/v1

  # One field, with the fields inside it
  kubectl explain pods.spec.containers`,
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', type: 'string', default: "'plaintext'", usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    { name: 'recursive', type: 'bool', usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
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
