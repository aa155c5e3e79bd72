/**
 * Every kubectl v1.30 command in the order kubectl lists them (its help groups, and cobra's
 * "Did you mean this?" follows the same order). Commands kubeplay simulates are in IMPLEMENTED;
 * the others answer that they are not simulated yet, but still count for suggestions and help.
 */
import { KubectlError, type KubectlCommand } from '../framework';
import type { CommandGroup } from '../framework/help';
import { annotate } from './annotate';
import { apply } from './apply';
import { attach } from './attach';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { describe } from './describe';
import { logs } from './logs';
import { events } from './events';
import { exec } from './exec';
import { create } from './create';
import { del } from './delete';
import { edit } from './edit';
import { apiResources, apiVersions } from './discovery-info';
import { explain } from './explain';
import { expose } from './expose';
import { get } from './get';
import { label } from './label';
import { patch } from './patch';
import { replace } from './replace';
import { cordon, drain, uncordon } from './node-maintenance';
import { taint } from './taint';
import { wait } from './wait';
import { rollout } from './rollout';
import { run } from './run';
import { scale } from './scale';
import { set } from './set';
import { version } from './version';

const IMPLEMENTED: readonly KubectlCommand[] = [create, expose, run, set, explain, get, edit, describe, logs, attach, exec, events, del, rollout, scale, apply, label, annotate, patch, replace, cordon, uncordon, drain, taint, wait, clusterInfo, apiResources, apiVersions, config, version];

export const GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Beginner)', names: ['create', 'expose', 'run', 'set'] },
  { title: 'Basic Commands (Intermediate)', names: ['explain', 'get', 'edit', 'delete'] },
  { title: 'Deploy Commands', names: ['rollout', 'scale', 'autoscale'] },
  { title: 'Cluster Management Commands', names: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'] },
  {
    title: 'Troubleshooting and Debugging Commands',
    names: ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  },
  { title: 'Advanced Commands', names: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
  { title: 'Settings Commands', names: ['label', 'annotate', 'completion'] },
  { title: 'Subcommands provided by plugins', names: [] },
  { title: 'Other Commands', names: ['api-resources', 'api-versions', 'config', 'plugin', 'version'] },
];

/** kubectl's one-line summaries, for the commands not simulated yet. */
const SHORT: Readonly<Record<string, string>> = {
  create: 'Create a resource from a file or from stdin',
  expose: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  run: 'Run a particular image on the cluster',
  set: 'Set specific features on objects',
  explain: 'Get documentation for a resource',
  get: 'Display one or many resources',
  edit: 'Edit a resource on the server',
  delete: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  rollout: 'Manage the rollout of a resource',
  scale: 'Set a new size for a deployment, replica set, or replication controller',
  autoscale: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  certificate: 'Modify certificate resources',
  'cluster-info': 'Display cluster information',
  top: 'Display resource (CPU/memory) usage',
  cordon: 'Mark node as unschedulable',
  uncordon: 'Mark node as schedulable',
  drain: 'Drain node in preparation for maintenance',
  taint: 'Update the taints on one or more nodes',
  describe: 'Show details of a specific resource or group of resources',
  logs: 'Print the logs for a container in a pod',
  attach: 'Attach to a running container',
  exec: 'Execute a command in a container',
  'port-forward': 'Forward one or more local ports to a pod',
  proxy: 'Run a proxy to the Kubernetes API server',
  cp: 'Copy files and directories to and from containers',
  auth: 'Inspect authorization',
  debug: 'Create debugging sessions for troubleshooting workloads and nodes',
  events: 'List events',
  diff: 'Diff the live version against a would-be applied version',
  apply: 'Apply a configuration to a resource by file name or stdin',
  patch: 'Update fields of a resource',
  replace: 'Replace a resource by file name or stdin',
  wait: 'Experimental: Wait for a specific condition on one or many resources',
  kustomize: 'Build a kustomization target from a directory or URL',
  label: 'Update the labels on a resource',
  annotate: 'Update the annotations on a resource',
  completion: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
  'api-resources': 'Print the supported API resources on the server',
  'api-versions': 'Print the supported API versions on the server, in the form of "group/version"',
  config: 'Modify kubeconfig files',
  plugin: 'Provides utilities for interacting with plugins',
  version: 'Print the client and server version information',
};

function notSimulated(name: string): KubectlCommand {
  return {
    name,
    short: SHORT[name] ?? '',
    use: `${name} [options]`,
    // eslint-disable-next-line require-yield
    *run() {
      throw new KubectlError(`kubectl ${name} is not simulated in kubeplay yet`);
    },
  };
}

/** kubectl's commands in help order, the simulated ones in place of their placeholders. */
export const COMMANDS: readonly KubectlCommand[] = GROUPS.flatMap((g) => g.names).map(
  (name) => IMPLEMENTED.find((c) => c.name === name) ?? notSimulated(name),
);
