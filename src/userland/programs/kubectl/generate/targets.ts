/**
 * The objects a command line names, as kubectl's resource builder reads them: `TYPE NAME…`,
 * `TYPE/NAME…`, or `TYPE1,TYPE2 NAME` — with its errors for the mixed and incomplete forms.
 */
import { KubectlError } from '../framework/errors';

export interface Target {
  /** The type as typed (`deploy`, `deployments.apps`); the command resolves it. */
  type: string;
  name: string;
}

/**
 * `requireNames` is false for commands that also take a selector (`-l`, `--all`): then `TYPE`
 * alone is allowed and comes back with an empty name.
 */
export function parseTargets(args: readonly string[], requireNames = true): Target[] {
  if (args.length === 0) return [];
  if (args[0]!.includes('/')) {
    return args.map((arg) => {
      const slash = arg.indexOf('/');
      if (slash < 0) {
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      if (slash === arg.length - 1) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      return { type: arg.slice(0, slash), name: arg.slice(slash + 1) };
    });
  }
  const [types, ...names] = args as [string, ...string[]];
  if (names.length === 0) {
    if (requireNames) throw new KubectlError('resource(s) were provided, but no name was specified');
    return types.split(',').map((type) => ({ type, name: '' }));
  }
  return types.split(',').flatMap((type) => names.map((name) => ({ type, name })));
}
