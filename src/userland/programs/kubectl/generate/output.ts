/**
 * What a command that writes prints for each object: the object itself under `-o json|yaml`, its
 * `kind/name` under `-o name`, else the success line (`deployment.apps/web created (dry run)`).
 */
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError } from '../framework/errors';
import { toYaml } from '../printers/yaml';
import { dryRunSuffix, type DryRun } from './dry-run';

const FORMATS = ['', 'json', 'yaml', 'name'];

/** Rejects an `-o` value before anything is sent, as kubectl's printer flags do. */
export function checkOutputFormat(format: string): void {
  if (!FORMATS.includes(format)) {
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${format}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,go-template,go-template-file,template,templatefile,yaml`,
    );
  }
}

/**
 * `prefix` is the kind as kubectl names it (`pod`, `deployment.apps`). JSON keeps the object's
 * field order: kubectl prints the typed object it built or got back, in Go struct order.
 */
export function resultText(format: string, object: KubeObject, prefix: string, verb: string, dryRun: DryRun): string {
  const name = `${prefix}/${object.metadata?.name ?? ''}`;
  switch (format) {
    case 'json':
      return `${JSON.stringify(object, null, 4)}\n`;
    case 'yaml':
      return toYaml(object);
    case 'name':
      return `${name}\n`;
    default:
      return `${name} ${verb}${dryRunSuffix(dryRun)}\n`;
  }
}
