/**
 * Completion, hovers and validation as you type for Kubernetes manifests: monaco-yaml's language
 * server (in yaml.worker.ts) with the schema built from the data `kubectl explain` reads
 * (k8s-schema.ts). The field types come first, in a small chunk; the descriptions and enum values
 * (the large docs chunk) follow when they have loaded, and the schema is sent again with them.
 */
import { configureMonacoYaml } from 'monaco-yaml';
import type { SchemaDocs } from '../../engine/api/schema';
import { kubernetesSchema, type SchemaFields } from './k8s-schema';
import { monaco } from './monaco';

/** Which models the schema applies to: the editor names every model by its file's path (modelUri). */
const MANIFESTS = ['**/*.yaml', '**/*.yml'];
const SCHEMA_URI = 'kubeplay://schemas/kubernetes.json';

/** The URI a file's model is created with: `file:///master01/root/pod.yaml` (`key` keeps two edits of one file apart). */
export function modelUri(node: string, path: string, key?: string | number): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/${node}${key === undefined ? '' : `/${key}`}${path}` });
}

/**
 * monaco-yaml starts its worker the way Monaco did up to 0.4x (`createWebWorker` with a label and
 * createData); Monaco 0.57 wants the Worker itself. This starts it as Monaco's own compatibility
 * path does: the worker takes a first message to set up, then the createData.
 */
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(options: { label?: string; createData?: unknown }) {
      const worker = self.MonacoEnvironment!.getWorker!('workerMain.js', options.label ?? 'yaml');
      const started = Promise.resolve(worker).then((w) => {
        w.postMessage('ignore');
        w.postMessage(options.createData);
        return w;
      });
      return monaco.editor.createWebWorker({ worker: started });
    },
  },
};

let configured = false;

/** Turns the language server on for YAML models, once; the schema follows as its chunks arrive. */
export function enableKubernetesYaml(): void {
  if (configured) return;
  configured = true;
  const yaml = configureMonacoYaml(monacoForYaml as unknown as typeof monaco, {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: [],
  });
  const useSchema = (fields: SchemaFields, docs?: SchemaDocs): Promise<void> =>
    yaml.update({ schemas: [{ uri: SCHEMA_URI, fileMatch: MANIFESTS, schema: kubernetesSchema(fields, docs) }] });
  void import('../../generated/schema-fields.json').then(async ({ default: fields }) => {
    await useSchema(fields as SchemaFields);
    const { default: docs } = await import('../../generated/schema-docs.json');
    await useSchema(fields as SchemaFields, docs as unknown as SchemaDocs);
  });
}
