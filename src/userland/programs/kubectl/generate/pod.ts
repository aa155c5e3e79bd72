/**
 * The Pod `kubectl run` sends (v1.18 and later `run` only makes Pods). Fields are set in the order
 * of the Go structs, so `-o json` prints them in the order real kubectl does.
 */
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1';
import { KubectlError, UsageError } from '../framework/errors';
import { checkImageReference } from './image';
import { clientObjectMeta, parseLabelSpec } from './meta';

export interface RunSpec {
  name: string;
  image: string;
  /** `--port`, as typed (kubectl parses it itself). */
  port?: string;
  /** `--labels a=b,c=d`; empty or absent means `run=<name>`. */
  labels?: string;
  /** Each `--env NAME=value`. */
  env?: readonly string[];
  restart?: string;
  imagePullPolicy?: string;
  /** Arguments after `--`: the container's args, or its command with `--command`. */
  args?: readonly string[];
  command?: boolean;
  stdin?: boolean;
  tty?: boolean;
  privileged?: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
/** What Kubernetes accepts as an environment variable name. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Go's strconv.Atoi, with its error text (`kubectl run --port=abc`). */
export function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new KubectlError(`strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

function parseEnv(items: readonly string[]): EnvVar[] {
  return items.map((item) => {
    const at = item.indexOf('=');
    const name = at < 0 ? '' : item.slice(0, at);
    if (!ENV_NAME.test(name)) throw new KubectlError(`invalid env: ${item}`);
    return { name, value: item.slice(at + 1) };
  });
}

/** Checks `run`'s flags in kubectl's order, then builds the Pod. */
export function podForRun(spec: RunSpec): Pod {
  checkImageReference(spec.image);
  if (spec.restart !== undefined && !RESTART_POLICIES.includes(spec.restart)) {
    throw new UsageError(`invalid restart policy: ${spec.restart}`);
  }
  if (spec.imagePullPolicy && !PULL_POLICIES.includes(spec.imagePullPolicy)) {
    throw new UsageError(`invalid image pull policy: ${spec.imagePullPolicy}`);
  }
  const env = parseEnv(spec.env ?? []);
  const labels = spec.labels ? parseLabelSpec(spec.labels) : { run: spec.name };
  const port = spec.port ? atoi(spec.port) : undefined;

  const container: Container = { name: spec.name, image: spec.image };
  const args = spec.args ?? [];
  if (args.length > 0) container[spec.command ? 'command' : 'args'] = [...args];
  if (port !== undefined) container.ports = [{ containerPort: port }];
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (spec.imagePullPolicy) container.imagePullPolicy = spec.imagePullPolicy;
  if (spec.privileged) container.securityContext = { privileged: true };
  if (spec.stdin) Object.assign(container, { stdin: true, stdinOnce: true });
  if (spec.tty) container.tty = true;

  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: clientObjectMeta(spec.name, labels),
    spec: { containers: [container], restartPolicy: spec.restart ?? 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}
