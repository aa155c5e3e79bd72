/**
 * iptables and iptables-save on a node, reading the node's netfilter tables (iptables-nft
 * v1.8.10, as on Rocky Linux 9.4). They only read: listing (-L, -S), zeroing counters (-Z) and
 * saving. Commands that change rules are refused — the rules are kube-proxy's, and a learner who
 * flushed them would break every Service on the node with no way back.
 */
import { NETFILTER, type Netfilter } from '../../../engine/network/netfilter/netfilter';
import { listChain, listTable } from '../../../engine/network/netfilter/listing';
import type { TableName } from '../../../engine/network/netfilter/rules';
import { IPTABLES_VERSION, iptablesSave, listRules, SAVE_ORDER } from '../../../engine/network/netfilter/save';
import { sys, type Proc, type Program, type Sys } from '../../../engine/runtime/process';
import { FsError } from '../../../engine/runtime/fs';
import { strftime } from '../../lib/time';
import { parseIptables, type ListRequest } from './iptables-args';

const TABLES: readonly string[] = SAVE_ORDER;
const isTable = (name: string): name is TableName => TABLES.includes(name);

/** Without CAP_NET_ADMIN (a pod's namespace) iptables-nft cannot even read the rule set. */
const NOT_ROOT = 'Could not fetch rule set generation id: Permission denied (you must be root)';

/** This node's tables, or undefined in a pod's network namespace. */
const tablesOf = (proc: Proc): Netfilter | undefined => proc.facility(NETFILTER)?.(proc.netns);

const HELP = `iptables ${IPTABLES_VERSION}

Usage: iptables -[ACD] chain rule-specification [options]
       iptables -I chain [rulenum] rule-specification [options]
       iptables -R chain rulenum rule-specification [options]
       iptables -D chain rulenum [options]
       iptables -[LS] [chain [rulenum]] [options]
       iptables -[FZ] [chain] [options]
       iptables -[NX] chain
       iptables -E old-chain-name new-chain-name
       iptables -P chain target [options]
       iptables -h (print this help information)

Commands:
Either long or short options are allowed.
  --append  -A chain\t\tAppend to chain
  --check   -C chain\t\tCheck for the existence of a rule
  --delete  -D chain\t\tDelete matching rule from chain
  --delete  -D chain rulenum
\t\t\t\tDelete rule rulenum (1 = first) from chain
  --insert  -I chain [rulenum]
\t\t\t\tInsert in chain as rulenum (default 1=first)
  --replace -R chain rulenum
\t\t\t\tReplace rule rulenum (1 = first) in chain
  --list    -L [chain [rulenum]]
\t\t\t\tList the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
\t\t\t\tPrint the rules in a chain or all chains
  --flush   -F [chain]\t\tDelete all rules in  chain or all chains
  --zero    -Z [chain [rulenum]]
\t\t\t\tZero counters in chain or all chains
  --new     -N chain\t\tCreate a new user-defined chain
  --delete-chain
            -X [chain]\t\tDelete a user-defined chain
  --policy  -P chain target
\t\t\t\tChange policy on chain to target
  --rename-chain
            -E old-chain new-chain
\t\t\t\tChange chain name, (moving any references)
Options:
    --ipv4\t-4\t\tNothing (line is ignored by ip6tables-restore)
    --ipv6\t-6\t\tError (line is ignored by iptables-restore)
[!] --protocol\t-p proto\tprotocol: by number or name, eg. \`tcp'
[!] --source\t-s address[/mask][...]
\t\t\t\tsource specification
[!] --destination -d address[/mask][...]
\t\t\t\tdestination specification
[!] --in-interface -i input name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
 --jump\t-j target
\t\t\t\ttarget for rule (may load target extension)
  --goto      -g chain
\t\t\t       jump to chain with no return
  --match\t-m match
\t\t\t\textended match (may load extension)
  --numeric\t-n\t\tnumeric output of addresses and ports
[!] --out-interface -o output name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
  --table\t-t table\ttable to manipulate (default: \`filter')
  --verbose\t-v\t\tverbose mode
  --wait\t-w [seconds]\tmaximum wait to acquire xtables lock before give up
  --line-numbers\t\tprint line numbers when listing
  --exact\t-x\t\texpand numbers (display exact values)
[!] --fragment\t-f\t\tmatch second or further fragments only
  --modprobe=<command>\t\ttry to insert modules using this command
  --set-counters PKTS BYTES\tset the counter during insert/append
[!] --version\t-V\t\tprint package version.
`;

const TRY_HELP = "Try `iptables -h' or 'iptables --help' for more information.\n";

function* iptables(proc: Proc): Sys<number> {
  const error = (message: string): Sys<void> => sys.write(2, `iptables ${IPTABLES_VERSION}: ${message}\n`);
  const invocation = parseIptables(proc.argv.slice(1));
  switch (invocation.kind) {
    case 'help':
      yield* sys.write(1, HELP);
      return 0;
    case 'version':
      yield* sys.write(1, `iptables ${IPTABLES_VERSION}\n`);
      return 0;
    case 'modify':
      yield* sys.write(2, `iptables: ${invocation.flag} is not simulated in kubeplay\n`);
      return 2;
    case 'error':
      if (invocation.message !== undefined) yield* error(invocation.message);
      yield* sys.write(2, TRY_HELP);
      return 2;
  }
  const nf = tablesOf(proc);
  if (!nf) {
    yield* error(NOT_ROOT);
    return 4;
  }
  if (!isTable(invocation.table)) {
    yield* error(`table '${invocation.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`);
    return 3;
  }
  return yield* list(nf, invocation.table, invocation);
}

function* list(nf: Netfilter, table: TableName, request: ListRequest): Sys<number> {
  const { chain } = request;
  const only = chain === undefined ? undefined : nf.chain(table, chain);
  if (chain !== undefined && !only) {
    yield* sys.write(2, 'iptables: No chain/target/match by that name.\n');
    return 1;
  }
  if (request.list === 'table') yield* sys.write(1, only ? listChain(nf, table, only, request) : listTable(nf, table, request));
  if (request.list === 'rules') yield* sys.write(1, listRules(nf, table, chain, request.verbose));
  if (request.zero) {
    nf.zero(table, chain);
    if (request.verbose) {
      for (const c of only ? [only] : nf.chains(table)) yield* sys.write(1, `Zeroing chain \`${c.name}'\n`);
    }
  }
  return 0;
}

const SAVE_LONG: Readonly<Record<string, string>> = { counters: 'c', version: 'V', dump: 'd', table: 't', modprobe: 'M', file: 'f', binary: 'b' };

function* iptablesSaveProgram(proc: Proc): Sys<number> {
  const usage = function* (message: string): Sys<number> {
    yield* sys.write(2, `${message}\nLook at manual page \`iptables-save.8' for more information.\n`);
    return 1;
  };
  // getopt_long over "bcdt:M:f:V": what each option letter was given.
  const given = new Map<string, string>();
  const operands: string[] = [];
  const args = proc.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const matching = Object.keys(SAVE_LONG).filter((l) => l.startsWith(name));
      const full = SAVE_LONG[name] ? name : matching.length === 1 ? matching[0]! : undefined;
      if (!full) return yield* usage(`iptables-save: unrecognized option '${word}'`);
      const letter = SAVE_LONG[full]!;
      if ('tMf'.includes(letter)) {
        const value = eq >= 0 ? word.slice(eq + 1) : args[++i];
        if (value === undefined) return yield* usage(`iptables-save: option '--${full}' requires an argument`);
        given.set(letter, value);
      } else given.set(letter, '');
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const letter = word[j]!;
        if (!'bcdtMfV'.includes(letter)) return yield* usage(`iptables-save: invalid option -- '${letter}'`);
        if ('tMf'.includes(letter)) {
          const value = j + 1 < word.length ? word.slice(j + 1) : args[++i];
          if (value === undefined) return yield* usage(`iptables-save: option requires an argument -- '${letter}'`);
          given.set(letter, value);
          break;
        }
        given.set(letter, '');
      }
    } else operands.push(word);
  }
  if (given.has('b')) yield* sys.write(2, '-b/--binary option is not implemented\n');
  if (given.has('V')) {
    yield* sys.write(1, `iptables-save ${IPTABLES_VERSION}\n`);
    return 0;
  }
  if (operands.length > 0) {
    yield* sys.write(2, 'Unknown arguments found on commandline\n');
    return 1;
  }
  const nf = tablesOf(proc);
  if (!nf) {
    yield* sys.write(2, `iptables-save ${IPTABLES_VERSION}: ${NOT_ROOT}\n`);
    return 4;
  }
  const table = given.get('t');
  if (table !== undefined && !isTable(table)) {
    yield* sys.write(2, `Table \`${table}' does not exist\n`);
    return 1;
  }
  let out = 1;
  const file = given.get('f');
  if (file !== undefined) {
    try {
      out = proc.open(file, 'w');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      yield* sys.write(2, `Failed to open file, error: ${e.text}\n`);
      return 1;
    }
  }
  const date = strftime('%a %b %e %H:%M:%S %Y', proc.wallClock());
  yield* sys.write(out, iptablesSave(nf, { tables: table ? [table] : SAVE_ORDER, counters: given.has('c'), date }));
  return 0;
}

export const IPTABLES_PROGRAMS: Readonly<Record<string, Program>> = { iptables, 'iptables-save': iptablesSaveProgram };
