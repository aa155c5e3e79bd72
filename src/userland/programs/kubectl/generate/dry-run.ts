/**
 * `--dry-run` as kubectl v1.30 reads it: `none|client|server`, plus the boolean forms older
 * tutorials use (`--dry-run`, `--dry-run=true`), which still work with a deprecation warning.
 */
import { KubectlError } from '../framework/errors';

export type DryRun = 'none' | 'client' | 'server';

export interface DryRunReading {
  strategy: DryRun;
  /** The klog warning kubectl prints for a boolean value: where it comes from and the text. */
  warning?: { where: string; message: string };
}

/** `given` is the flag's value as typed, undefined when the flag was absent. */
export function readDryRun(given: string | undefined): DryRunReading {
  switch (given) {
    case undefined:
    case 'none':
    case 'client':
    case 'server':
      return { strategy: given ?? 'none' };
    case 'unchanged':
      // A bare `--dry-run`: pflag's NoOptDefVal, which kubectl treats as the old `true`.
      return { strategy: 'client', warning: { where: 'helpers.go:703', message: '--dry-run is deprecated and can be replaced with --dry-run=client.' } };
  }
  const bool = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(given) ? true : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(given) ? false : undefined;
  if (bool === undefined) throw new KubectlError(`Invalid dry-run value (${given}). Must be "none", "server", or "client".`);
  const modern = bool ? 'client' : 'none';
  return {
    strategy: modern,
    warning: { where: 'helpers.go:717', message: `--dry-run=${given} is deprecated (boolean value) and can be replaced with --dry-run=${modern}.` },
  };
}

/** What the success line adds: `pod/nginx created (dry run)`. */
export const dryRunSuffix = (strategy: DryRun): string => (strategy === 'client' ? ' (dry run)' : strategy === 'server' ? ' (server dry run)' : '');
