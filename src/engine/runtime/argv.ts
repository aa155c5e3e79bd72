/**
 * What a container actually runs: the pod's `command`/`args` combined with the image's
 * ENTRYPOINT/CMD. The kubelet first expands `$(VAR)` in them
 * (`kubecontainer.ExpandContainerCommandAndArgs`), then the runtime merges them with the image.
 *
 *   command  args   runs
 *   -        -      Entrypoint + Cmd
 *   -        yes    Entrypoint + args
 *   yes      -      command            (the image's Cmd is ignored too)
 *   yes      yes    command + args
 */

export interface ImageDefaults {
  readonly Entrypoint: readonly string[];
  readonly Cmd: readonly string[];
}

export interface ContainerArgv {
  readonly command?: readonly string[] | undefined;
  readonly args?: readonly string[] | undefined;
}

/** Value of a container env var, or undefined when the container has no such variable. */
export type EnvLookup = (name: string) => string | undefined;

/**
 * The argv for the container's first process, as containerd merges it with the image. The kubelet
 * has already expanded `$(VAR)` in `command` and `args` (`expandVars`); the image's Entrypoint and
 * Cmd are used as written. An empty list counts as unset.
 */
export function resolveArgv(image: ImageDefaults, container: ContainerArgv): string[] {
  const command = container.command ?? [];
  const args = container.args ?? [];
  if (command.length > 0) return [...command, ...args];
  if (args.length > 0) return [...image.Entrypoint, ...args];
  return [...image.Entrypoint, ...image.Cmd];
}

/** An `EnvLookup` over a container's resolved `env` list; later entries win, as in the kubelet. */
export function envLookup(env: readonly { readonly name: string; readonly value?: string | undefined }[]): EnvLookup {
  const values = new Map<string, string>();
  for (const { name, value } of env) values.set(name, value ?? '');
  return (name) => values.get(name);
}

/**
 * Kubernetes `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion):
 * `$(NAME)` → the variable's value, or left as `$(NAME)` when there is no such variable;
 * `$$` → a literal `$` (so `$$(NAME)` stays `$(NAME)`); any other `$` is kept as is.
 * Note this is not shell syntax: `$NAME` and `${NAME}` pass through untouched for the shell.
 */
export function expandVars(input: string, env: EnvLookup): string {
  if (!input.includes('$')) return input;
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 === input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        // Unclosed: the kubelet keeps `$(` and carries on after it.
        out += '$(';
        i += 2;
      } else {
        const name = input.slice(i + 2, close);
        out += env(name) ?? `$(${name})`;
        i = close + 1;
      }
    } else {
      out += '$' + next;
      i += 2;
    }
  }
  return out;
}
