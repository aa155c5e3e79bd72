/**
 * How GNU ls (coreutils 8.32) paints names: the indicator table of dircolors' built-in database,
 * overridden by $LS_COLORS (`di=01;34:ln=01;36:*.tar=01;31:…`), and the escape layout ls.c
 * writes — `\e[` + code + `m` before a name, `\e[0m` after it, one `\e[0m` before the first
 * colour of the run, and `\e[K` after a name that may have wrapped a terminal line.
 */
import type { FileStat } from '../../engine/runtime/fs';

/** Two-letter keys of LS_COLORS with the values ls has when it is not set. */
const BUILT_IN: Readonly<Record<string, string | undefined>> = {
  lc: '\x1b[', rc: 'm', ec: undefined, rs: '0', no: undefined, fi: undefined,
  di: '01;34', ln: '01;36', pi: '33', so: '01;35', bd: '01;33', cd: '01;33', mi: undefined, or: undefined,
  ex: '01;32', do: '01;35', su: '37;41', sg: '30;43', st: '37;44', ow: '34;42', tw: '30;42', ca: '30;41',
  mh: undefined, cl: '\x1b[K',
};

/** The TERM patterns of dircolors' database: without LS_COLORS or COLORTERM, ls colours only these. */
const KNOWN_TERMS = [
  'Eterm', 'ansi', '*color*', 'con[0-9]*x[0-9]*', 'cons25', 'console', 'cygwin', 'dtterm', 'gnome', 'hurd', 'jfbterm',
  'konsole', 'kterm', 'linux', 'linux-c', 'mlterm', 'putty', 'rxvt*', 'screen*', 'st', 'terminator', 'tmux*', 'vt100', 'xterm*',
];

const termPattern = (glob: string): RegExp =>
  new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

export interface ColorScheme {
  readonly indicators: Readonly<Record<string, string | undefined>>;
  /** `*.ext=code` entries, matched against the end of the name. */
  readonly suffixes: readonly (readonly [string, string])[];
}

/** The scheme $LS_COLORS gives, or undefined when ls would not colour at all (an unknown TERM). */
export function colorScheme(env: Readonly<Record<string, string>>): ColorScheme | undefined {
  const spec = env['LS_COLORS'];
  if (!spec) {
    const term = env['TERM'] ?? '';
    if (!env['COLORTERM'] && !KNOWN_TERMS.some((glob) => termPattern(glob).test(term))) return undefined;
    return { indicators: BUILT_IN, suffixes: [] };
  }
  const indicators: Record<string, string | undefined> = { ...BUILT_IN };
  const suffixes: [string, string][] = [];
  for (const entry of spec.split(':')) {
    const eq = entry.indexOf('=');
    if (eq < 0) continue;
    const key = entry.slice(0, eq);
    const value = unescape(entry.slice(eq + 1));
    if (key.startsWith('*')) suffixes.push([key.slice(1), value]);
    else if (key in BUILT_IN) indicators[key] = value === '' ? undefined : value;
  }
  return { indicators, suffixes };
}

/** dircolors' escapes in values: `\e`, `^[`, octal `\033`. */
function unescape(value: string): string {
  return value
    .replace(/\\e|\^\[/g, '\x1b')
    .replace(/\\([0-7]{1,3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The indicator key for a file (ls.c get_color_indicator), before suffixes. */
function indicatorKey(scheme: ColorScheme, stat: Pick<FileStat, 'type' | 'mode'>, dangling: boolean): string {
  const set = (key: string): boolean => scheme.indicators[key] !== undefined;
  const m = stat.mode;
  if (stat.type === 'dir') {
    if (m & 0o1000 && m & 0o002 && set('tw')) return 'tw';
    if (m & 0o002 && set('ow')) return 'ow';
    if (m & 0o1000 && set('st')) return 'st';
    return 'di';
  }
  if (stat.type === 'symlink') return dangling && set('or') ? 'or' : 'ln';
  if (m & 0o4000 && set('su')) return 'su';
  if (m & 0o2000 && set('sg')) return 'sg';
  if (m & 0o111 && set('ex')) return 'ex';
  return 'fi';
}

/** Paints names for one run of ls: remembers whether it has coloured anything yet. */
export class Painter {
  private used = false;

  constructor(
    private readonly scheme: ColorScheme,
    /** The terminal's width (80 off a terminal, as ls assumes), for the `\e[K` after a wrapping name. */
    private readonly lineLength: number,
  ) {}

  /**
   * `name` as ls prints it, starting at column `startCol`. `stat` undefined is a symlink's
   * missing target, `dangling` a symlink whose target is missing.
   */
  paint(name: string, stat: Pick<FileStat, 'type' | 'mode'> | undefined, startCol: number, dangling = false): string {
    const { indicators, suffixes } = this.scheme;
    let code: string | undefined;
    if (stat === undefined) code = indicators['mi'];
    else {
      const key = indicatorKey(this.scheme, stat, dangling);
      const suffix = key === 'fi' ? suffixes.find(([ext]) => name.endsWith(ext)) : undefined;
      code = suffix ? suffix[1] : indicators[key];
    }
    if (code === undefined && indicators['no'] === undefined) return name;
    let out = '';
    if (code !== undefined) out += this.indicator(`${indicators['lc'] ?? ''}${code}${indicators['rc'] ?? ''}`);
    out += `${name}${this.reset()}`;
    const width = this.lineLength;
    if (width > 0 && Math.floor(startCol / width) !== Math.floor((startCol + name.length - 1) / width)) out += indicators['cl'] ?? '';
    return out;
  }

  /** The first indicator of a run is preceded by a reset (ls.c put_indicator). */
  private indicator(text: string): string {
    if (this.used) return text;
    this.used = true;
    return this.reset() + text;
  }

  private reset(): string {
    const { indicators } = this.scheme;
    return indicators['ec'] ?? `${indicators['lc'] ?? ''}${indicators['rs'] ?? ''}${indicators['rc'] ?? ''}`;
  }
}
