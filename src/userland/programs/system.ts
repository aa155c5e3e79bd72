/** Tools that report on the system: sleep, pwd, basename, dirname, hostname, uname, id, whoami, date. */
import { sys } from '../../engine/runtime/process';
import { dateDefault, strftime } from '../lib/time';
import { usageError } from '../lib/args';
import { lookupHost } from '../lib/resolver';
import { defineTool, type Tool } from '../lib/tool';
import { groupName, userName } from '../lib/users';

/** The node's kernel, as `uname` and nginx's startup log report it (reference §10.1). */
export const KERNEL = {
  sysname: 'Linux',
  release: '6.1.0-17-amd64',
  version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.69-1 (2023-12-30)',
  machine: 'x86_64',
  os: 'GNU/Linux',
} as const;

const SECONDS_PER_SUFFIX: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** One `sleep` operand in seconds: `3600`, `1.5`, `1m`, `2h`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  return m ? Number(m[1]) * SECONDS_PER_SUFFIX[m[2]!]! : undefined;
}

/** `sleep N...`: the operands add up; `inf`/`infinity` sleeps until a signal. */
export const sleep = defineTool({ usage: 'sleep [N]...', options: { short: '' } }, function* (tool, options) {
  const operands = options.operands;
  if (operands.length === 0) return yield* tool.usage('missing operand');
  let seconds = 0;
  for (const operand of operands) {
    if (/^inf(inity)?$/i.test(operand)) {
      for (;;) yield* sys.pause();
    }
    const value = parseDuration(operand);
    if (value === undefined) {
      if (tool.flavour === 'busybox') {
        yield* tool.warn(`invalid number '${operand}'`);
        return 1;
      }
      return yield* tool.usage(`invalid time interval '${operand}'`);
    }
    seconds += value;
  }
  yield* sys.sleep(Math.round(seconds * 1000));
  return 0;
});

export const pwd = defineTool({ usage: 'pwd', options: { short: 'LP' } }, function* (tool) {
  yield* tool.out(`${tool.proc.cwd}\n`);
  return 0;
});

export const basename = defineTool({ usage: 'basename FILE [SUFFIX]', options: { short: '' } }, function* (tool, options) {
  const [path, suffix] = options.operands;
  if (path === undefined) return yield* tool.usage('missing operand');
  const trimmed = path.replace(/\/+$/, '');
  let base = trimmed === '' ? (path === '' ? '' : '/') : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  yield* tool.out(`${base}\n`);
  return 0;
});

export const dirname = defineTool({ usage: 'dirname FILENAME', options: { short: '' } }, function* (tool, options) {
  const [path] = options.operands;
  if (path === undefined) return yield* tool.usage('missing operand');
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  const dir = slash < 0 ? (path.startsWith('/') ? '/' : '.') : trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
  yield* tool.out(`${dir}\n`);
  return 0;
});

/**
 * `hostname [-sfi] [-I]`. `-i` looks the host's own name up as any program would (in a pod,
 * /etc/hosts maps the pod name to the pod IP; on a node, its name to its LAN address); GNU's `-I`
 * lists every address of every interface but loopback. BusyBox has no `-I`.
 */
export const hostname = defineTool({ usage: 'hostname [-sfi] [HOSTNAME | -F FILE]', options: { short: 'sfiIdF:' } }, function* (tool, options) {
  const { proc } = tool;
  if (tool.flavour === 'busybox' && options.has('I')) {
    yield* sys.write(2, usageError(tool.name, "invalid option -- 'I'", 'busybox', 'hostname [-sfi] [HOSTNAME | -F FILE]'));
    return 1;
  }
  if (options.operands.length > 0 || options.has('F')) {
    // Changing the name needs CAP_SYS_ADMIN, which a container does not have.
    yield* tool.warn(tool.flavour === 'busybox' ? 'sethostname: Operation not permitted' : 'you must be root to change the host name');
    return 1;
  }
  if (options.has('I')) {
    yield* tool.out(`${proc.netns.addresses.map((a) => `${a} `).join('')}\n`);
    return 0;
  }
  if (options.has('i')) {
    const found = yield* lookupHost(proc, proc.hostname);
    if (!found.ok) {
      const busybox = tool.flavour === 'busybox';
      const text = found.error === 'not-found'
        ? busybox ? `${proc.hostname}: Unknown host` : 'Name or service not known'
        : busybox ? `${proc.hostname}: Host name lookup failure` : 'Temporary failure in name resolution';
      yield* tool.warn(text);
      return 1;
    }
    // Both print each address followed by a space (busybox: printf("%s ") per address).
    yield* tool.out(`${found.addresses.map((a) => `${a} `).join('')}\n`);
    return 0;
  }
  const name = options.has('s') ? proc.hostname.split('.')[0]! : proc.hostname;
  yield* tool.out(`${name}\n`);
  return 0;
});

/** uname fields in the order -a prints them. */
const UNAME_FIELDS = [
  ['s', () => KERNEL.sysname],
  ['n', (t: Tool) => t.proc.hostname],
  ['r', () => KERNEL.release],
  ['v', () => KERNEL.version],
  ['m', () => KERNEL.machine],
  ['o', () => KERNEL.os],
] as const;

export const uname = defineTool({ usage: 'uname [-amnrspvio]', options: { short: 'asnrvmpio', long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', machine: 'm' } } }, function* (tool, options) {
  const all = options.has('a');
  let fields = UNAME_FIELDS.filter(([letter]) => all || options.has(letter));
  if (fields.length === 0) fields = [UNAME_FIELDS[0]];
  const extra = !all && (options.has('p') || options.has('i')) ? ['unknown'] : [];
  yield* tool.out(`${[...fields.map(([, get]) => get(tool)), ...extra].join(' ')}\n`);
  return 0;
});

const named = (id: number, name: string | undefined): string => (name === undefined ? String(id) : `${id}(${name})`);

/** The groups a user belongs to: its primary group and those listing it in /etc/group. */
function supplementaryGroups(tool: Tool, user: string | undefined, gid: number): number[] {
  const ids = [gid];
  if (user === undefined) return ids;
  try {
    for (const line of tool.proc.fs.readFile('/etc/group').split('\n')) {
      const [, , id, members] = line.split(':');
      if (id !== undefined && members?.split(',').includes(user) && !ids.includes(Number(id))) ids.push(Number(id));
    }
  } catch {
    // no /etc/group: only the primary group
  }
  return ids;
}

export const id = defineTool({ usage: 'id [-ugGnr] [USER]', options: { short: 'ugGnr' } }, function* (tool, options) {
  const { fs } = tool.proc;
  const { uid, gid } = fs.cred;
  const user = userName(fs, uid);
  const groups = supplementaryGroups(tool, user, gid);
  const nameOrId = (value: number, name: string | undefined): string => (options.has('n') ? (name ?? String(value)) : String(value));
  if (options.has('u')) yield* tool.out(`${nameOrId(uid, user)}\n`);
  else if (options.has('g')) yield* tool.out(`${nameOrId(gid, groupName(fs, gid))}\n`);
  else if (options.has('G')) yield* tool.out(`${groups.map((g) => nameOrId(g, groupName(fs, g))).join(' ')}\n`);
  else {
    const list = groups.map((g) => named(g, groupName(fs, g))).join(',');
    yield* tool.out(`uid=${named(uid, user)} gid=${named(gid, groupName(fs, gid))} groups=${list}\n`);
  }
  return 0;
});

export const whoami = defineTool({ usage: 'whoami', options: { short: '' } }, function* (tool) {
  const { uid } = tool.proc.fs.cred;
  const user = userName(tool.proc.fs, uid);
  if (user === undefined) {
    yield* tool.warn(tool.flavour === 'busybox' ? `unknown uid ${uid}` : `cannot find name for user ID ${uid}`);
    return 1;
  }
  yield* tool.out(`${user}\n`);
  return 0;
});

/** `date -d` input: `@SECONDS`, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (UTC). */
export function parseDateInput(text: string): number | undefined {
  const epoch = /^@(-?\d+)$/.exec(text.trim());
  if (epoch) return Number(epoch[1]) * 1000;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export const date = defineTool(
  { usage: 'date [OPTIONS] [+FMT] [[-s] TIME]', options: { short: 'uRId:s:', long: { utc: 'u', 'rfc-2822': 'R', 'rfc-email': 'R', 'date=': 'd', 'set=': 's', 'iso-8601': 'I' } } },
  function* (tool, options) {
    const format = options.operands.find((o) => o.startsWith('+'));
    const setting = options.has('s') || options.operands.some((o) => !o.startsWith('+'));
    if (setting) {
      // Setting the clock needs CAP_SYS_TIME, which a container does not have.
      yield* tool.warn(`${tool.flavour === 'busybox' ? "can't" : 'cannot'} set date: Operation not permitted`);
      return 1;
    }
    let when = tool.proc.wallClock();
    const input = options.value('d');
    if (input !== undefined) {
      const parsed = parseDateInput(input);
      if (parsed === undefined) {
        yield* tool.warn(`invalid date '${input}'`);
        return 1;
      }
      when = parsed;
    }
    yield* tool.out(`${formatDate(options.has('R'), options.has('I'), format, when)}\n`);
    return 0;
  },
);

function formatDate(rfc2822: boolean, iso: boolean, format: string | undefined, when: number): string {
  if (format !== undefined) return strftime(format.slice(1), when);
  if (rfc2822) return strftime('%a, %d %b %Y %H:%M:%S +0000', when);
  if (iso) return strftime('%Y-%m-%d', when);
  return dateDefault(when);
}
