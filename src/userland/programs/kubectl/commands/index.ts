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
import { options } from './options';
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

const IMPLEMENTED: readonly KubectlCommand[] = [create, expose, run, set, explain, get, edit, describe, logs, attach, exec, events, del, rollout, scale, apply, label, annotate, patch, replace, cordon, uncordon, drain, taint, wait, clusterInfo, apiResources, apiVersions, config, version, options];

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

/** One-line summaries of the commands kubeplay does not simulate yet, in our words. */
const SHORT: Readonly<Record<string, string>> = {
  autoscale: 'Scale a workload up and down with its load',
  certificate: 'Approve or deny certificate signing requests',
  top: 'Show how much CPU and memory nodes or pods use',
  'port-forward': 'Reach a pod\'s port through a port on this machine',
  proxy: 'Serve the API server on a local port',
  cp: 'Copy files between this machine and a container',
  auth: 'Check what you are allowed to do',
  debug: 'Start a debugging container in a pod or on a node',
  diff: 'Show how a manifest differs from what is running',
  kustomize: 'Print the manifests a kustomization directory builds',
  completion: 'Print a shell script that completes kubectl commands',
  plugin: 'List and manage kubectl plugins',
};

function notSimulated(name: string): KubectlCommand {
  return {
    name,
    short: SHORT[name] ?? '',
    long: `${SHORT[name] ?? ''}.\n\n kubeplay does not simulate kubectl ${name} yet.`,
    use: `${name} [options]`,
    // eslint-disable-next-line require-yield
    *run() {
      throw new KubectlError(`kubectl ${name} is not simulated in kubeplay yet`);
    },
  };
}

/** Whether kubeplay runs this command or subcommand (placeholders only answer that they are not simulated). */
export const isSimulated = (command: KubectlCommand): boolean => !(command.name in SHORT);

/** kubectl's commands in help order (then `options`, which help does not list), the simulated ones in place of their placeholders. */
export const COMMANDS: readonly KubectlCommand[] = [...GROUPS.flatMap((g) => g.names), 'options'].map(
  (name) => IMPLEMENTED.find((c) => c.name === name) ?? notSimulated(name),
);
