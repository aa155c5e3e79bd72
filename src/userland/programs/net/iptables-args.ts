/**
 * iptables' command line, read as its getopt string does: clustered flags (`-nvL`), `-t nat`,
 * optional chain operands (`-L KUBE-SERVICES`, or glued: `-LKUBE-SERVICES`), long options and
 * their unambiguous prefixes (`--list`, `--line-numbers`). Only the reading commands run; the
 * ones that change rules are recognised so they can be refused.
 */

export interface ListRequest {
  readonly table: string;
  /** -L: list as a table; -S: list as commands. */
  readonly list?: 'table' | 'rules';
  /** -Z: zero the counters (after listing, when both are given). */
  readonly zero: boolean;
  readonly chain?: string;
  readonly numeric: boolean;
  readonly verbose: boolean;
  readonly exact: boolean;
  readonly lineNumbers: boolean;
}

export type Invocation =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  /** A command that would change the rules (-A, -I, -D, -F, -N, -X, -P …). */
  | { readonly kind: 'modify'; readonly flag: string }
  /** A usage error: iptables prints it (if any) and `Try `iptables -h'…`, and exits 2. */
  | { readonly kind: 'error'; readonly message?: string }
  | ({ readonly kind: 'run' } & ListRequest);

/** Letters that take an argument; `optional` ones take the rest of the cluster or a following non-option word. */
const REQUIRED = new Set('ACDRINEPtMsdpiojmgc'.split(''));
const OPTIONAL = new Set('LSFZXhwW'.split(''));
const FLAGS = new Set('nvx0f46'.split(''));
const MODIFYING = new Set('ACDRIFNXEP'.split(''));
/** Rule parts that mean nothing to a listing: iptables refuses them with one. */
const RULE_PARTS = new Set('sdpiojf'.split(''));

const LONG: Readonly<Record<string, string>> = {
  append: 'A', check: 'C', delete: 'D', insert: 'I', replace: 'R', list: 'L', 'list-rules': 'S', flush: 'F', zero: 'Z',
  'new-chain': 'N', 'delete-chain': 'X', 'rename-chain': 'E', policy: 'P', source: 's', destination: 'd', src: 's', dst: 'd',
  protocol: 'p', 'in-interface': 'i', jump: 'j', table: 't', match: 'm', numeric: 'n', 'out-interface': 'o', verbose: 'v',
  wait: 'w', 'wait-interval': 'W', exact: 'x', fragments: 'f', version: 'V', help: 'h', 'line-numbers': '0', modprobe: 'M',
  'set-counters': 'c', goto: 'g', ipv4: '4', ipv6: '6',
};

/** A word that can be an optional argument (iptables' xs_has_arg). */
const isOperand = (word: string | undefined): word is string => word !== undefined && !word.startsWith('-') && !word.startsWith('!');

function longOption(name: string): string | undefined {
  if (LONG[name]) return LONG[name];
  const candidates = Object.keys(LONG).filter((l) => l.startsWith(name));
  return candidates.length === 1 ? LONG[candidates[0]!] : undefined;
}

export function parseIptables(args: readonly string[]): Invocation {
  let table = 'filter';
  let command: 'L' | 'S' | undefined;
  let zero = false;
  let chain: string | undefined;
  const flags = new Set<string>();
  const ruleParts: string[] = [];

  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    // Each option of this word: its letter, and the argument glued to it if any.
    const options: { letter: string; glued?: string; text: string }[] = [];
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const letter = longOption(word.slice(2, eq < 0 ? undefined : eq));
      if (!letter) return { kind: 'error', message: `unknown option "${word}"` };
      options.push({ letter, text: word, ...(eq >= 0 ? { glued: word.slice(eq + 1) } : {}) });
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const letter = word[j]!;
        if (REQUIRED.has(letter) || OPTIONAL.has(letter)) {
          const rest = word.slice(j + 1);
          options.push({ letter, text: word, ...(rest ? { glued: rest } : {}) });
          break;
        }
        options.push({ letter, text: word });
      }
    } else if (word !== '!') {
      return { kind: 'error', message: `Bad argument \`${word}'` };
    }

    for (const { letter, glued, text } of options) {
      if (letter === 'h') return { kind: 'help' };
      if (letter === 'V') return { kind: 'version' };
      if (MODIFYING.has(letter)) return { kind: 'modify', flag: text.startsWith('--') ? text.replace(/=.*/, '') : `-${letter}` };
      let value = glued;
      if (value === undefined && REQUIRED.has(letter)) {
        if (i + 1 >= args.length) return { kind: 'error', message: `option "${text}" requires an argument` };
        value = args[++i]!;
      } else if (value === undefined && OPTIONAL.has(letter) && isOperand(args[i + 1])) {
        value = args[++i]!;
      }
      if (!REQUIRED.has(letter) && !OPTIONAL.has(letter) && !FLAGS.has(letter)) return { kind: 'error', message: `unknown option "${text}"` };
      // iptables is IPv4: -6 only earns a pointer to the help.
      if (letter === '6') return { kind: 'error' };
      if (RULE_PARTS.has(letter)) ruleParts.push(letter);
      switch (letter) {
        case 't':
          table = value!;
          break;
        case 'L':
        case 'S':
          if (command && command !== letter) return { kind: 'error', message: `Cannot use -${letter} with -${command}\n` };
          command = letter;
          chain = value ?? chain;
          break;
        case 'Z':
          zero = true;
          chain = value ?? chain;
          break;
        default:
          flags.add(letter);
      }
    }
  }

  if (!command && !zero) return { kind: 'error', message: 'no command specified' };
  if (ruleParts.length > 0) return { kind: 'error', message: `Illegal option \`-${ruleParts[0]}' with this command\n` };
  return {
    kind: 'run',
    table,
    ...(command ? { list: command === 'L' ? ('table' as const) : ('rules' as const) } : {}),
    zero,
    ...(chain !== undefined ? { chain } : {}),
    numeric: flags.has('n'),
    verbose: flags.has('v'),
    exact: flags.has('x'),
    lineNumbers: flags.has('0'),
  };
}
