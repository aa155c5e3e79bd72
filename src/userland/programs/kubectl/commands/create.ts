/**
 * `kubectl create -f FILE|DIR|-` and the generators `create deployment|service|namespace|configmap|
 * secret|job`: each object is POSTed to its collection; `--dry-run=client` only prints it.
 */
import { PATCH_CONTENT_TYPES, type KubeObject, type PatchType } from '../../../../engine/api/types';
import { FsError } from '../../../../engine/runtime/fs';
import { sys, type Sys } from '../../../../engine/runtime/process';
import { NAME_ALPHABET } from '../../../../engine/sim/names';
import { readAll } from '../../../lib/tool';
import {
  ApiStatusError,
  collectionPath,
  errorText,
  groupVersionOf,
  kindPrefix,
  KubectlError,
  objectPath,
  parseBool,
  UsageError,
  type ApiResource,
  type FlagSpec,
  type Kubectl,
  type KubectlCommand,
} from '../framework';
import { baseName, configMapForCreate, parseFileSource, parseLiteralSource, secretForCreate } from '../generate/data';
import { deploymentForCreate } from '../generate/deployment';
import { readDryRun, type DryRun } from '../generate/dry-run';
import { jobForCreate } from '../generate/job';
import { parseManifests, type Manifest } from '../generate/manifests';
import { namespaceForCreate } from '../generate/namespace';
import { checkOutputFormat, resultText } from '../generate/output';
import { serviceForCreate } from '../generate/service';
import { parseTargets } from '../generate/targets';

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: "'none'",
  usage: 'Try the change without keeping it: "none" (the default) really does it, "client" only shows what would be sent, "server" lets the API server check it without saving.',
};
export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  usage: 'Print the result in this format instead of the short message: json, yaml, name, jsonpath=TEMPLATE, jsonpath-as-json=TEMPLATE or jsonpath-file=FILE (go-template is not in kubeplay).',
};
export const FILENAME_FLAG: FlagSpec = { name: 'filename', short: 'f', type: 'stringSlice', default: '[]', usage: 'A manifest file (YAML or JSON) to read, or - for standard input. Repeat the flag for several files.' };

/** `--dry-run` and `-o` checked before anything is sent; a boolean dry-run gets its klog warning. */
export function* writeOptions(k: Kubectl): Sys<DryRun> {
  checkOutputFormat(k.flags.string('output'));
  return yield* dryRunOf(k);
}

/** `--validate`: how strictly the server checks the fields of what is sent (kubectl's default is strict). */
export const VALIDATE_FLAG: FlagSpec = { name: 'validate', type: 'string', default: "'strict'", usage: 'How to treat fields the server does not know: strict (or true) refuses the object, warn only warns, ignore (or false) says nothing.' };

const VALIDATION: Readonly<Record<string, string>> = { strict: 'Strict', warn: 'Warn', ignore: 'Ignore' };

/** The `fieldValidation` a `--validate` value asks of the server (booleans as Go spells them too). */
export function fieldValidation(value: string): string {
  const asBool = parseBool(value);
  if (asBool !== undefined) return asBool ? 'Strict' : 'Ignore';
  const directive = VALIDATION[value];
  if (!directive) throw new KubectlError(`invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`);
  return directive;
}

/**
 * The query of a write: its field manager, `dryRun=All` for a server dry run and, for the commands
 * with `--validate`, the `fieldValidation` the server applies to unknown fields.
 */
export function writeQuery(k: Kubectl, dryRun: DryRun): Record<string, string> {
  return {
    fieldManager: k.flags.string('field-manager'),
    ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
    ...(k.flags.defines('validate') ? { fieldValidation: fieldValidation(k.flags.string('validate')) } : {}),
  };
}

/** `--dry-run`, with kubectl's warning for the old boolean forms. */
export function* dryRunOf(k: Kubectl): Sys<DryRun> {
  const reading = readDryRun(k.flags.changed('dry-run') ? k.flags.string('dry-run') : undefined);
  if (reading.warning) yield* k.warn(reading.warning.where, reading.warning.message);
  return reading.strategy;
}

/** POSTs `object` (unless `--dry-run=client`) and prints the success line or the object. */
export function* createObject(k: Kubectl, object: KubeObject, dryRun: DryRun, verb = 'created'): Sys<KubeObject> {
  const resource = yield* k.resolve(`${object.kind}.${object.apiVersion!.includes('/') ? object.apiVersion!.replace(/^(.*)\/(.*)$/, '$2.$1') : object.apiVersion}`);
  let created = object;
  if (dryRun !== 'client') {
    const client = yield* k.client();
    const namespace = object.metadata?.namespace ?? (yield* k.namespace());
    created = yield* client.call<KubeObject>({ method: 'POST', path: collectionPath(resource, namespace), query: writeQuery(k, dryRun), body: object });
  }
  yield* k.out(resultText(k.flags.string('output'), created, kindPrefix(resource), verb, dryRun));
  return created;
}

/** Five characters from the apiserver's name alphabet (kubectl's `utilrand.String(5)`). */
function randomSuffix(k: Kubectl): () => string {
  return () => Array.from({ length: 5 }, (_, i) => NAME_ALPHABET[(k.proc.pid * 7 + k.proc.now() + i * 13) % NAME_ALPHABET.length]).join('');
}

/** The single NAME a `create <generator>` takes. */
function oneName(args: readonly string[]): string {
  if (args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${args.length}`);
  return args[0]!;
}

/** Arguments after `--` (the container command of `create deployment|job`). */
const commandOf = (k: Kubectl, args: readonly string[]): string[] => (k.dashAt >= 0 ? args.slice(k.dashAt) : []);
const namesOf = (k: Kubectl, args: readonly string[]): string[] => (k.dashAt >= 0 ? args.slice(0, k.dashAt) : [...args]);

const WRITE_FLAGS: readonly FlagSpec[] = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  { name: 'field-manager', type: 'string', default: "'kubectl-create'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
  { name: 'save-config', type: 'bool', default: 'false', usage: 'If true, store the object as given in its kubectl.kubernetes.io/last-applied-configuration annotation, so a later kubectl apply can compare against it.' },
  VALIDATE_FLAG,
];

function generator(
  name: string,
  short: string,
  use: string,
  examples: string,
  flags: readonly FlagSpec[],
  build: (k: Kubectl, name: string, args: string[]) => Sys<KubeObject>,
): KubectlCommand {
  return {
    name,
    short,
    examples,
    use,
    flags: [...flags, ...WRITE_FLAGS],
    *run(k, args) {
      const dryRun = yield* writeOptions(k);
      const object = yield* build(k, oneName(namesOf(k, args)), commandOf(k, args));
      yield* createObject(k, object, dryRun);
      return 0;
    },
  };
}

const deployment = generator(
  'deployment',
  'Create a deployment that keeps pods of an image running',
  'deployment NAME --image=image -- [COMMAND] [args...] [options]',
  `# A deployment named nginx-deploy running one nginx pod
kubectl create deployment nginx-deploy --image=nginx:1.20-alpine

# Three replicas that declare port 80
kubectl create deployment myapp --image=ikubernetes/myapp:v1 --replicas=3 --port=80

# Run a command instead of the image's own
kubectl create deployment sleeper --image=busybox -- sleep 3600`,
  [
    { name: 'image', type: 'stringSlice', default: '[]', usage: 'The container image; repeat the flag for a pod with several containers (each container is named after its image).' },
    { name: 'replicas', short: 'r', type: 'int', default: '1', usage: 'How many pods the deployment should keep running.' },
    { name: 'port', type: 'int', default: '-1', usage: 'The containerPort to declare in the pod template (-1: none).' },
  ],
  // eslint-disable-next-line require-yield
  function* (k, name, command) {
    const images = k.flags.list('image');
    if (images.length === 0) throw new KubectlError('required flag(s) "image" not set');
    return deploymentForCreate({ name, images, replicas: k.flags.int('replicas'), port: k.flags.int('port'), command, randomSuffix: randomSuffix(k) });
  },
);

const serviceFlags = (nodePort: boolean): FlagSpec[] => [
  { name: 'tcp', type: 'stringSlice', default: '[]', usage: 'A port of the service as PORT:TARGETPORT (or just PORT when both are the same); repeat for more ports.' },
  ...(nodePort
    ? [{ name: 'node-port', type: 'int', default: '0', usage: 'The port to open on every node (30000-32767); 0 lets the cluster choose one.' } as const]
    : [{ name: 'clusterip', type: 'string', default: "''", usage: 'The cluster IP the service should have, or None for a headless service (no virtual IP, DNS names the pods).' } as const]),
];

const SERVICE_HELP = {
  ClusterIP: {
    short: 'Create a service reachable inside the cluster on a virtual IP',
    examples: `# A service named nginx: port 80 of the service goes to port 80 of the pods labelled app=nginx
kubectl create service clusterip nginx --tcp=80:80

# A headless service: DNS answers with the pods' own addresses
kubectl create service clusterip myapp --clusterip=None --tcp=80`,
  },
  NodePort: {
    short: 'Create a service that also opens a port on every node',
    examples: `# Reach the nginx pods from outside on a port the cluster picks
kubectl create service nodeport nginx --tcp=80:80

# Choose the node port yourself
kubectl create service nodeport nginx --tcp=80:80 --node-port=30080`,
  },
};

function serviceGenerator(type: 'ClusterIP' | 'NodePort'): KubectlCommand {
  const word = type.toLowerCase();
  return generator(word, SERVICE_HELP[type].short, `${word} NAME [--tcp=<port>:<targetPort>] [options]`, SERVICE_HELP[type].examples, serviceFlags(type === 'NodePort'),
    // eslint-disable-next-line require-yield
    function* (k, name) {
      const clusterIP = type === 'ClusterIP' ? k.flags.string('clusterip') : '';
      const nodePort = type === 'NodePort' ? k.flags.int('node-port') : 0;
      return serviceForCreate({ type, name, tcp: k.flags.list('tcp'), ...(clusterIP ? { clusterIP } : {}), ...(nodePort ? { nodePort } : {}) });
    });
}

const service: KubectlCommand = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service of one type (clusterip, nodeport)',
  use: 'service [flags] [options]',
  subcommands: [serviceGenerator('ClusterIP'), serviceGenerator('NodePort')],
};

const namespace = generator('namespace', 'Create a namespace, a separate space for names', 'namespace NAME [--dry-run=server|client|none] [options]', '# A namespace for experiments\nkubectl create namespace lab', [],
  // eslint-disable-next-line require-yield
  function* (_k, name) {
    return namespaceForCreate(name);
  });

const SOURCE_FLAGS: readonly FlagSpec[] = [
  { name: 'from-literal', type: 'stringArray', default: '[]', usage: 'A KEY=VALUE pair to store; repeat for more keys.' },
  { name: 'from-file', type: 'stringSlice', default: '[]', usage: 'A file to store, under its file name as key; KEY=PATH stores it under KEY instead.' },
];

/** The key/value pairs of `--from-file` (files, or every file of a directory) and `--from-literal`. */
function dataEntries(k: Kubectl): [string, string][] {
  const entries: [string, string][] = [];
  for (const source of k.flags.list('from-file')) {
    const { key, path } = parseFileSource(source);
    let isDir: boolean;
    try {
      isDir = k.proc.fs.stat(path).type === 'dir';
    } catch (e) {
      if (e instanceof FsError) throw new KubectlError(`error reading ${path}: no such file or directory`);
      throw e;
    }
    if (isDir) {
      if (key) throw new KubectlError('cannot give a key name for a directory path');
      for (const file of k.proc.fs.readdir(path).sort()) {
        const full = `${path.replace(/\/$/, '')}/${file}`;
        if (k.proc.fs.stat(full).type === 'file') entries.push([file, k.proc.fs.readFile(full)]);
      }
    } else entries.push([key ?? baseName(path), k.proc.fs.readFile(path)]);
  }
  for (const literal of k.flags.list('from-literal')) entries.push(parseLiteralSource(literal));
  return entries;
}

const configmap = generator('configmap', 'Create a config map from key=value pairs or files', 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  `# Two settings as keys
kubectl create configmap myapp-config --from-literal=mode=debug --from-literal=color=blue

# A whole file under the key nginx.conf
kubectl create configmap nginx-conf --from-file=nginx.conf`, SOURCE_FLAGS,
  // eslint-disable-next-line require-yield
  function* (k, name) {
    return configMapForCreate(name, dataEntries(k));
  });

const secret: KubectlCommand = {
  name: 'secret',
  short: 'Create a secret of one type (generic)',
  use: 'secret (docker-registry | generic | tls) [options]',
  subcommands: [
    generator('generic', 'Create a secret from key=value pairs or files', 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
      `# A password the pods of myapp can read
kubectl create secret generic myapp-db --from-literal=password=s3cret

# A file as a key
kubectl create secret generic tls-key --from-file=server.key`,
      [...SOURCE_FLAGS, { name: 'type', type: 'string', default: "''", usage: 'The secret\'s type field (Opaque when left empty).' }],
      // eslint-disable-next-line require-yield
      function* (k, name) {
        return secretForCreate(name, dataEntries(k), k.flags.string('type') || undefined);
      }),
  ],
};

const job = generator('job', 'Create a job that runs a pod until it succeeds', 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  `# A job that prints the date once
kubectl create job hello --image=busybox -- date`,
  [
    { name: 'image', type: 'string', default: "''", usage: 'The image of the job\'s container.' },
    { name: 'from', type: 'string', default: "''", usage: 'Create the job from this cronjob (cronjob/NAME), using its job template.' },
  ],
  // eslint-disable-next-line require-yield
  function* (k, name, command) {
    if (k.flags.string('from')) throw new KubectlError('either --image or --from must be specified');
    return jobForCreate({ name, image: k.flags.string('image'), command });
  });

/** The text of every `-f` source: a file, each `.yaml|.yml|.json` of a directory, or stdin for `-`. */
export function* readSources(k: Kubectl, sources: readonly string[]): Sys<Manifest[]> {
  const manifests: Manifest[] = [];
  for (const source of sources) {
    if (source === '-') {
      manifests.push(...parseManifests('STDIN', yield* readAll(0)));
      continue;
    }
    let files: string[];
    try {
      files = k.proc.fs.stat(source).type === 'dir'
        ? k.proc.fs.readdir(source).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => `${source.replace(/\/$/, '')}/${f}`)
        : [source];
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      throw new KubectlError(`the path "${source}" does not exist`);
    }
    for (const file of files) manifests.push(...parseManifests(file, k.proc.fs.readFile(file)));
  }
  return manifests;
}

/**
 * Runs `each` for every manifest; a failing one prints its error (as kubectl's builder does,
 * `error when creating "pod.yaml": …`) and the others still go through. Exit 1 if any failed.
 */
export function* forEachManifest(
  k: Kubectl,
  verb: string,
  manifests: readonly Manifest[],
  each: (object: KubeObject, step: { verb: string }) => Sys<void>,
): Sys<number> {
  // kubectl goes on after a failure (ContinueOnError) and reports every failure at the end.
  const failures: unknown[] = [];
  for (const manifest of manifests) {
    // What the command was doing when the server said no; a step can name it more closely.
    const step = { verb };
    try {
      if (!manifest.ok) throw new KubectlError(manifest.error);
      yield* each(manifest.object, step);
    } catch (e) {
      const sourced = e instanceof ApiStatusError && e.reason !== 'Invalid';
      failures.push(sourced ? new ApiStatusError({ ...e.status, message: `error when ${step.verb} "${manifest.source}": ${e.message}` }) : e);
    }
  }
  if (failures.length === 1) yield* sys.write(2, errorText(failures[0], k.path));
  // Several: one line each, and plain errors lose their `error: ` (CheckErr's MultipleErrors).
  else for (const e of failures) yield* sys.write(2, errorText(e, k.path).replace(/^error: /, ''));
  return failures.length > 0 ? 1 : 0;
}

export const create: KubectlCommand = {
  name: 'create',
  short: 'Create objects from a manifest file or standard input',
  long: `Create the objects described in a YAML or JSON manifest. An object that already exists is an error (kubectl apply updates it instead).

 The subcommands below create common objects without writing a manifest.`,
  examples: `# Create the pod described in pod-demo.yaml
kubectl create -f pod-demo.yaml

# Read the manifest from standard input
cat pod-demo.yaml | kubectl create -f -

# Check the manifest with the API server, without creating anything
kubectl create -f pod-demo.yaml --dry-run=server`,
  use: 'create -f FILENAME [options]',
  flags: [FILENAME_FLAG, ...WRITE_FLAGS],
  subcommands: [configmap, deployment, job, namespace, secret, service],
  *run(k, args) {
    const files = k.flags.list('filename');
    if (files.length === 0 || args.length > 0) throw new UsageError('must specify one of -f and -k');
    const dryRun = yield* writeOptions(k);
    const manifests = yield* readSources(k, files);
    if (manifests.length === 0) throw new KubectlError('no objects passed to create');
    return yield* forEachManifest(k, 'creating', manifests, function* (object) {
      yield* createObject(k, object, dryRun);
    });
  },
};

export interface Found {
  resource: ApiResource;
  object: KubeObject;
}

/**
 * The objects `TYPE NAME…`, `TYPE/NAME…` or `TYPE -l SELECTOR|--all` name, fetched from the
 * server in that order (label, annotate, scale, set image, expose, delete and rollout share this).
 */
export function* fetchObjects(k: Kubectl, args: readonly string[], options: { selector?: string; all?: boolean } = {}): Sys<Found[]> {
  const bySelector = options.selector !== undefined || options.all === true;
  if (args.length === 0) throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  const client = yield* k.client();
  const namespace = yield* k.namespace();
  const found: Found[] = [];
  for (const target of parseTargets(args, !bySelector)) {
    const resource = yield* k.resolve(target.type);
    const typed = (object: KubeObject): KubeObject => ({ ...object, apiVersion: groupVersionOf(resource), kind: resource.kind });
    if (target.name) {
      const object = yield* client.call<KubeObject>({ method: 'GET', path: objectPath(resource, namespace, target.name) });
      found.push({ resource, object: typed(object) });
    } else {
      const query = options.selector ? { labelSelector: options.selector } : undefined;
      const list = yield* client.call<{ items: KubeObject[] }>({ method: 'GET', path: collectionPath(resource, namespace), ...(query ? { query } : {}) });
      for (const object of list.items) found.push({ resource, object: typed(object) });
    }
  }
  return found;
}

/** `PATCH` with one of the three patch content types; returns the patched object. */
export function* patchObject(k: Kubectl, found: Found, type: PatchType, patch: unknown, query: Record<string, string>, subresource?: string): Sys<KubeObject> {
  const client = yield* k.client();
  const path = objectPath(found.resource, found.object.metadata?.namespace ?? (yield* k.namespace()), found.object.metadata?.name ?? '') + (subresource ? `/${subresource}` : '');
  return yield* client.call<KubeObject>({ method: 'PATCH', path, query, headers: { 'content-type': PATCH_CONTENT_TYPES[type] }, body: patch });
}
