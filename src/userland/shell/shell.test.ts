import { describe, expect, test } from 'vitest';
import type { ShellDialect } from './errors';
import { shellBox, type ShellRun } from './testkit';

interface Case {
  script: string;
  stdout?: string;
  stderr?: string;
  code?: number;
  /** Only this shell; both when absent. */
  only?: ShellDialect;
  files?: Record<string, { file: string; mode?: number } | { dir: true }>;
  args?: string[];
  stdin?: string;
}

function check(dialect: ShellDialect, c: Case): void {
  const box = shellBox(dialect, { files: c.files ?? {} });
  const run: ShellRun = box.sh(c.script, { ...(c.args ? { args: c.args } : {}), ...(c.stdin === undefined ? {} : { stdin: c.stdin }) });
  const expected: Partial<ShellRun> = {};
  if (c.stdout !== undefined) expected.stdout = c.stdout;
  if (c.stderr !== undefined) expected.stderr = c.stderr;
  expected.code = c.code ?? 0;
  expect({ stdout: run.stdout, stderr: run.stderr, code: run.code }).toMatchObject(expected);
}

function table(cases: Record<string, Case>): void {
  for (const [name, c] of Object.entries(cases)) {
    for (const dialect of ['busybox', 'bash'] as const) {
      if (c.only && c.only !== dialect) continue;
      test(`${name} (${dialect})`, () => check(dialect, c));
    }
  }
}

describe('quoting and words', () => {
  table({
    'single and double quotes': { script: `args 'a  b' "c  d" e\\ f`, stdout: '<a  b>\n<c  d>\n<e f>\n' },
    'backslash in double quotes': { script: 'echo "a\\$b \\"q\\" \\\\ \\x"', stdout: 'a$b "q" \\ \\x\n' },
    'adjacent pieces form one word': { script: `x=1; args a"$x"'$x'b`, stdout: '<a1$xb>\n' },
    'empty quotes are an argument, empty expansions are not': { script: 'args "" $unset "$unset"', stdout: '<>\n<>\n' },
    'comments': { script: 'echo a # not this\n# nor this\necho b', stdout: 'a\nb\n' },
    'line continuation': { script: 'echo a \\\nb', stdout: 'a b\n' },
  });
});

describe('bash extensions', () => {
  table({
    'brace expansion': { script: 'echo a{b,c}d {1..3} {05..10..5} {c..a} {x,{y,z}}1 "{1..2}" {a}', stdout: 'abd acd 1 2 3 05 10 c b a x1 y1 z1 {1..2} {a}\n', only: 'bash' },
    'busybox has no brace expansion': { script: 'echo {1..3}', stdout: '{1..3}\n', only: 'busybox' },
    "$'...' strings": { script: "printf '%s|' $'a\\tb' $'it\\'s'; echo", stdout: "a\tb|it's|\n" },
    'substrings': { script: 'x=kubernetes; echo ${x:4} ${x:0:4} ${x: -3} ${x:1:-2}; set -- a b c d; echo ${@:2:2} "${@:3}"', stdout: 'rnetes kube tes ubernet\nb c c d\n' },
    'here-strings': { script: 'read a b <<< "one two"; echo "$b $a"; cat <<<$HOME', stdout: 'two one\n/root\n' },
    'the function keyword': { script: 'function greet { echo "hi $1"; }; function two() { greet two; }; greet one; two', stdout: 'hi one\nhi two\n' },
    'time: the pipeline\'s output, then the elapsed simulated time on stderr; its status stays': {
      script: 'time sleep 2.5; time -p sleep 61; time echo hi | cat; time false; echo $?',
      stdout: 'hi\n1\n',
      stderr: '\nreal\t0m2.500s\nuser\t0m0.000s\nsys\t0m0.000s\nreal 61.00\nuser 0.00\nsys 0.00\n\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n',
      only: 'bash',
    },
    'time as the last command of bash -c still reports': { script: "bash -c 'time sleep 1'", stderr: '\nreal\t0m1.000s\nuser\t0m0.000s\nsys\t0m0.000s\n', only: 'bash' },
  });
});

describe('parameters', () => {
  table({
    'defaults and alternatives': {
      script: 'x=1; e=; echo ${x:-d} ${u:-d} ${e:-d} "${e-d}" ${x:+alt} ${u:+alt}. ${u=set} $u',
      stdout: '1 d d  alt . set set\n',
    },
    'length and trimming': {
      script: 'p=/docker-entrypoint.d/10-listen.sh; echo ${#p} ${p##*/} ${p#*/} ${p%.sh} ${p%%-*}',
      stdout: '33 10-listen.sh docker-entrypoint.d/10-listen.sh /docker-entrypoint.d/10-listen /docker\n',
    },
    'replacement': { script: 'v=a-b-c; echo ${v/-/+} ${v//-/+}', stdout: 'a+b-c a+b+c\n' },
    'unset parameter with ?': { script: 'echo ${nope?is missing}; echo after', stdout: '', stderr: 'sh: nope: is missing\n', code: 2, only: 'busybox' },
    'unset parameter with ? (bash)': { script: 'echo ${nope?is missing}; echo after', stdout: '', stderr: 'bash: line 1: nope: is missing\n', code: 1, only: 'bash' },
    'special parameters': {
      script: 'echo $# "$*" $1 $2 $0; shift; echo $# $1',
      args: ['name', 'one', 'two'],
      stdout: '2 one two one two name\n1 two\n',
    },
    '$@ keeps arguments apart': { script: 'set -- "a b" c; args "$@"; args "x$@y"', stdout: '<a b>\n<c>\n<xa b>\n<cy>\n' },
    '"$@" with no arguments is nothing': { script: 'args "$@"; echo end', stdout: 'end\n' },
    '$? after success and failure': { script: 'true; echo $?; false; echo $?; exitwith 42; echo $?', stdout: '0\n1\n42\n' },
    '$$ and $!': { script: 'sleep 1 & [ "$!" -gt "$$" ] && echo ok', stdout: 'ok\n' },
    'set -u': { script: 'set -u; echo $nope; echo after', stderr: 'sh: nope: parameter not set\n', code: 2, only: 'busybox' },
    'set -u (bash)': { script: 'set -u; echo $nope; echo after', stderr: 'bash: line 1: nope: unbound variable\n', code: 1, only: 'bash' },
    'tilde': { script: 'echo ~ ~/x ~root "~"', stdout: '/root /root/x /root ~\n' },
  });
});

describe('field splitting and globbing', () => {
  const files = { '/d/a.sh': { file: '' }, '/d/b.sh': { file: '' }, '/d/c.txt': { file: '' }, '/d/.hidden.sh': { file: '' } };
  table({
    'unquoted expansions split on IFS': { script: 'x="1  2 3"; args $x "$x"', stdout: '<1>\n<2>\n<3>\n<1  2 3>\n' },
    'custom IFS keeps empty fields': { script: 'IFS=:; x="a::b:"; args $x', stdout: '<a>\n<>\n<b>\n' },
    'globs sort and skip dotfiles': { script: 'args /d/*.sh', files, stdout: '</d/a.sh>\n</d/b.sh>\n' },
    'a pattern matching nothing stays': { script: 'args /d/*.none', files, stdout: '</d/*.none>\n' },
    'quoted wildcards do not glob': { script: 'args "/d/*" /d/"*".sh', files, stdout: '</d/*>\n</d/*.sh>\n' },
    'wildcards from expansions glob': { script: 'p="/d/?.txt"; args $p "$p"', files, stdout: '</d/c.txt>\n</d/?.txt>\n' },
    'bracket expressions': { script: 'args /d/[ab].sh /d/[!a].sh', files, stdout: '</d/a.sh>\n</d/b.sh>\n</d/b.sh>\n' },
    'set -f turns globbing off': { script: 'set -f; args /d/*.sh', files, stdout: '</d/*.sh>\n' },
  });
});

describe('substitutions and arithmetic', () => {
  table({
    'command substitution strips trailing newlines': { script: 'x=$(printf "a\\n\\n"); echo "[$x]"', stdout: '[a]\n' },
    'backquotes and nesting': { script: 'echo `echo a` $(echo $(echo b))', stdout: 'a b\n' },
    'the status of an assignment is its substitution\'s': { script: 'x=$(exitwith 3); echo $?', stdout: '3\n' },
    'a substitution runs in a subshell': { script: 'x=1; y=$(x=2; echo $x); echo $x $y', stdout: '1 2\n' },
    'arithmetic': { script: 'i=5; echo $((i * 2 + 1)) $(( (i + 1) % 4 )) $((i > 3 && i < 10)) $((0x10))', stdout: '11 2 1 16\n' },
    'arithmetic assignment and increments': { script: 'i=1; : $((i += 4)); echo $i $((i++)) $i', stdout: '5 5 6\n' },
    'division by zero': { script: 'echo $((1 / 0)); echo after', stderr: 'sh: divide by zero\n', code: 2, only: 'busybox' },
    'division by zero (bash)': { script: 'echo $((1 / 0)); echo after', stderr: 'bash: line 1: 1 / 0: division by 0 (error token is "/")\n', code: 1, only: 'bash' },
  });
});

describe('lists and pipelines', () => {
  table({
    '&& and ||': { script: 'true && echo a || echo b; false && echo c || echo d', stdout: 'a\nd\n' },
    'negation': { script: '! false && echo yes; ! true || echo no', stdout: 'yes\nno\n' },
    'a pipeline connects stdout to stdin': { script: 'printf "x\\ny\\nz\\n" | cat | wc -l', stdout: '3\n' },
    'the status of a pipeline is its last command\'s': { script: 'exitwith 3 | exitwith 4; echo $?; exitwith 3 | true; echo $?', stdout: '4\n0\n' },
    'a pipeline runs in subshells': { script: 'x=1; echo 2 | read x; echo $x', stdout: '1\n' },
    'a writer stops when its reader has gone': { script: 'yes | head -n 2; echo done', stdout: 'y\ny\ndone\n', stderr: '' },
    'so does a loop of the shell itself, quietly (SIGPIPE)': { script: 'while true; do echo y; done | head -n 1; echo $?', stdout: 'y\n0\n', stderr: '' },
    'background and wait': { script: 'sleep 2 & sleep 1; echo first; wait; echo all', stdout: 'first\nall\n' },
    'wait for a pid returns its status': { script: 'exitwith 5 & wait $!; echo $?', stdout: '5\n' },
  });
});

describe('redirections', () => {
  table({
    'to a file, appending, from a file': { script: 'echo a > /tmp/f; echo b >> /tmp/f; cat < /tmp/f', stdout: 'a\nb\n' },
    '2>&1 and >&2': { script: 'foo 2>&1; echo to-err >&2', stdout: 'sh: foo: not found\n', stderr: 'to-err\n', only: 'busybox' },
    'order matters': { script: 'foo 2>&1 >/dev/null; echo ---; foo >/dev/null 2>&1; echo end', stdout: 'sh: foo: not found\n---\nend\n', only: 'busybox' },
    '2>/dev/null': { script: 'foo 2>/dev/null; echo $?', stdout: '127\n', stderr: '' },
    'redirections of a builtin are undone after it': { script: 'echo hidden > /tmp/x; echo shown; cat /tmp/x', stdout: 'shown\nhidden\n' },
    'exec makes them permanent': { script: 'exec > /tmp/all; echo one; echo two >&2; cat /tmp/all >&2', stdout: '', stderr: 'two\none\n' },
    'here-documents expand, quoted ones do not': {
      script: 'x=X; cat <<EOF\n$x $(echo y)\nEOF\ncat <<\'EOF\'\n$x\nEOF\ncat <<-EOF\n\tindented\n\tEOF',
      stdout: 'X y\n$x\nindented\n',
    },
    'a compound command with a redirection': { script: 'for i in 1 2; do echo $i; done > /tmp/o; cat /tmp/o', stdout: '1\n2\n' },
    'cannot create (busybox)': { script: 'echo x > /no/dir/f; echo $?', stdout: '1\n', stderr: "sh: can't create /no/dir/f: nonexistent directory\n", only: 'busybox' },
    'cannot create (bash)': { script: 'echo x > /no/dir/f; echo $?', stdout: '1\n', stderr: 'bash: line 1: /no/dir/f: No such file or directory\n', only: 'bash' },
    'cannot open (busybox)': { script: 'cat < /nope; echo $?', stdout: '1\n', stderr: "sh: can't open /nope: no such file\n", only: 'busybox' },
    '/dev/stderr': { script: 'echo oops > /dev/stderr', stdout: '', stderr: 'oops\n' },
  });
});

describe('compound commands', () => {
  table({
    'if / elif / else': { script: 'for n in 1 2 3; do if [ $n = 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo many; fi; done', stdout: 'one\ntwo\nmany\n' },
    'while and until': { script: 'i=0; while [ $i -lt 2 ]; do i=$((i+1)); done; until [ $i = 0 ]; do i=$((i-1)); echo $i; done', stdout: '1\n0\n' },
    'for over words and over "$@"': { script: 'for w in a "b c"; do echo "[$w]"; done; set -- x y; for p; do echo $p; done', stdout: '[a]\n[b c]\nx\ny\n' },
    'break and continue, also out of nested loops': {
      script: 'for i in 1 2 3; do for j in a b; do [ $j = b ] && continue 2; [ $i = 3 ] && break 2; echo $i$j; done; done; echo end',
      stdout: '1a\n2a\nend\n',
    },
    'case with patterns and alternatives': {
      script: 'for f in x.sh y.envsh z.txt "*"; do case "$f" in *.envsh) echo source $f;; *.sh|*.bash) echo run $f;; "*") echo star;; *) echo skip $f;; esac; done',
      stdout: 'run x.sh\nsource y.envsh\nskip z.txt\nstar\n',
    },
    'groups share the shell, subshells do not': { script: 'x=1; { x=2; }; (x=3; echo in $x); echo $x', stdout: 'in 3\n2\n' },
    'exit in a subshell ends only the subshell': { script: '(exit 3); echo $?', stdout: '3\n' },
    'cd in a subshell stays there': { script: 'cd /tmp; (cd /); pwd', stdout: '/tmp\n' },
  });
});

describe('functions', () => {
  table({
    'arguments, return status, $0 unchanged': { script: 'f() { echo "$# $1 $0"; return 4; }; f a b; echo $?', args: ['me'], stdout: '2 a me\n4\n' },
    'local variables': { script: 'x=out; f() { local x=in; echo $x; g; }; g() { echo g sees $x; }; f; echo $x', stdout: 'in\ng sees in\nout\n' },
    'recursion': { script: 'fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 5', stdout: '120\n' },
    'runaway recursion stops with a message': { script: 'f() { f; }; f; echo after', stdout: '', stderr: 'sh: f: maximum function nesting level exceeded (200)\n', code: 2, only: 'busybox' },
    'deep recursion works': { script: 'f() { [ $1 -ge 150 ] && return; f $(($1+1)); }; f 0; echo reached', stdout: 'reached\n' },
    'local outside a function': { script: 'local x=1', stderr: 'sh: local: line 1: not in a function\n', code: 2, only: 'busybox' },
  });
});

describe('builtins', () => {
  table({
    'echo options': { script: 'echo -n a; echo -e "b\\tc"; echo -x', stdout: 'ab\tc\n-x\n' },
    'printf': { script: 'printf "%s=%03d %-3s|%x %%\\n" a 7 b 255 c 8', stdout: 'a=007 b  |ff %\nc=008    |0 %\n' },
    'test and [': { script: '[ -d /tmp ] && [ ! -f /tmp ] && test abc != abd && [ 2 -lt 10 ] && echo ok', stdout: 'ok\n' },
    '[[ ]] with patterns': { script: 'x=nginx.conf; [[ $x == *.conf ]] && [[ -d /tmp ]] && ! [[ $x != nginx* ]] && echo ok', stdout: 'ok\n' },
    'cd and pwd': { script: 'cd /tmp && pwd && cd .. && pwd && cd - && echo $OLDPWD', stdout: '/tmp\n/\n/tmp\n/\n' },
    'cd failure (busybox)': { script: 'cd /x; echo $?', stdout: '2\n', stderr: "sh: cd: line 1: can't cd to /x: No such file or directory\n", only: 'busybox' },
    'cd failure (bash)': { script: 'cd /x; echo $?', stdout: '1\n', stderr: 'bash: line 1: cd: /x: No such file or directory\n', only: 'bash' },
    'export reaches children, plain variables do not': { script: 'A=1; export B=2; C=3 printenv C; printenv A || echo no A; printenv B', stdout: '3\nno A\n2\n' },
    'unset': { script: 'x=1; unset x; echo "[${x-gone}]"; f() { :; }; unset -f f; f', stdout: '[gone]\n', code: 127 },
    'readonly': { script: 'readonly r=1; r=2; echo not reached', stderr: 'sh: r: is read only\n', code: 2, only: 'busybox' },
    'set positional parameters': { script: 'set a b c; echo $#; set --; echo $#', stdout: '3\n0\n' },
    'shift too far (busybox)': { script: 'set a; shift 2; echo after', stderr: "sh: shift: line 1: can't shift that many\n", code: 2, only: 'busybox' },
    'shift too far (bash)': { script: 'set a; shift 2; echo $?', stdout: '1\n', only: 'bash' },
    'read splits on IFS': { script: 'read a b c; echo "$a|$b|$c"', stdin: '  one two   three four  \n', stdout: 'one|two|three four\n' },
    'read -r keeps backslashes': { script: 'read x; read -r y; echo "$x" "$y"', stdin: 'a\\b\nc\\d\n', stdout: 'ab c\\d\n' },
    'read in a loop (a last line without newline is read, but read fails)': {
      script: 'while read line; do echo "<$line>"; done; echo "[$line]"',
      stdin: 'one\ntwo\nlast',
      stdout: '<one>\n<two>\n[last]\n',
    },
    'eval': { script: 'cmd="echo evaluated; x=5"; eval $cmd; echo $x', stdout: 'evaluated\n5\n' },
    'dot sources into this shell': { script: '. /lib.sh; echo $FROM_LIB; greet', files: { '/lib.sh': { file: 'FROM_LIB=yes\ngreet() { echo hi; }\n' } }, stdout: 'yes\nhi\n' },
    'return from a sourced file': { script: '. /r.sh; echo $?', files: { '/r.sh': { file: 'echo in\nreturn 3\necho not\n' } }, stdout: 'in\n3\n' },
    'type (busybox)': { script: 'f() { :; }; type echo exit f if cat nope', stdout: 'echo is a shell builtin\nexit is a special shell builtin\nf is a shell function\nif is a shell keyword\ncat is /bin/cat\nnope: not found\n', code: 127, only: 'busybox' },
    'command -v': { script: 'command -v cat echo nope; echo $?', stdout: '/bin/cat\necho\n1\n', only: 'bash' },
    'command skips functions': { script: 'echo() { printf "fn\\n"; }; echo a; command echo b', stdout: 'fn\nb\n' },
    'umask': { script: 'umask; umask 077; umask', stdout: '0022\n0077\n' },
    'let': { script: 'let x=2*3 "y = x + 1"; echo $x $y', stdout: '6 7\n' },
    'true false :': { script: 'true; a=$?; false; b=$?; :; echo $a $b $?', stdout: '0 1 0\n' },
    'kill -0 and kill': { script: 'sleep 100 & kill -0 $! && echo alive; kill $!; wait $!; echo $?', stdout: 'alive\n143\n' },
    'set -x': { script: 'set -x; echo "a b" c; x=1', stdout: 'a b c\n', stderr: "+ echo 'a b' c\n+ x=1\n" },
    'set -x quotes = and % like ash': { script: 'set -x; echo a=b 5%', stdout: 'a=b 5%\n', stderr: "+ echo 'a=b' '5%'\n", only: 'busybox' },
  });
});

describe('errors and exit statuses', () => {
  table({
    'command not found (busybox)': { script: 'nope; echo $?', stdout: '127\n', stderr: 'sh: nope: not found\n', only: 'busybox' },
    'command not found (bash)': { script: 'nope; echo $?', stdout: '127\n', stderr: 'bash: line 1: nope: command not found\n', only: 'bash' },
    'not executable': {
      script: '/tmp/x.sh; echo $?',
      files: { '/tmp/x.sh': { file: 'echo hi\n', mode: 0o644 } },
      stdout: '126\n',
    },
    'not executable message (busybox)': { script: '/tmp/x.sh', files: { '/tmp/x.sh': { file: 'echo hi\n', mode: 0o644 } }, stderr: 'sh: /tmp/x.sh: Permission denied\n', code: 126, only: 'busybox' },
    'a directory (bash)': { script: '/tmp', stderr: 'bash: line 1: /tmp: Is a directory\n', code: 126, only: 'bash' },
    'a missing path (bash)': { script: '/no/such', stderr: 'bash: line 1: /no/such: No such file or directory\n', code: 127, only: 'bash' },
    'a script without #! runs in a new shell': { script: '/tmp/s; echo back', files: { '/tmp/s': { file: 'echo "in $0"\n', mode: 0o755 } }, stdout: 'in /tmp/s\nback\n' },
    'exit status': { script: 'exit 300', code: 44 },
    'exit with a bad number (busybox)': { script: 'exit abc', stderr: 'sh: exit: line 1: Illegal number: abc\n', code: 2, only: 'busybox' },
    'exit with a bad number (bash)': { script: 'exit abc', stderr: 'bash: line 1: exit: abc: numeric argument required\n', code: 2, only: 'bash' },
    'set -e stops at the first failure': { script: 'set -e; echo a; exitwith 3; echo b', stdout: 'a\n', code: 3 },
    'set -e spares conditions': { script: 'set -e; if false; then :; fi; false || true; ! true; false && true; echo still', stdout: 'still\n' },
    'set -e and a failing pipeline': { script: 'set -e; true | false; echo no', stdout: '', code: 1 },
    'syntax error (busybox)': { script: 'echo a\nfi', stdout: 'a\n', stderr: 'sh: syntax error: unexpected "fi"\n', code: 2, only: 'busybox' },
    'syntax error (bash)': { script: 'echo a\nfi', stdout: 'a\n', stderr: "bash: -c: line 2: syntax error near unexpected token `fi'\nbash: -c: line 2: `fi'\n", code: 2, only: 'bash' },
    'unterminated quote (busybox)': { script: "echo 'a", stderr: 'sh: syntax error: unterminated quoted string\n', code: 2, only: 'busybox' },
    'named -c scripts name themselves with a line (busybox)': { script: 'true\nnope', args: ['myscript'], stderr: 'myscript: line 2: nope: not found\n', code: 127, only: 'busybox' },
  });
});

describe('traps', () => {
  table({
    'EXIT trap runs at the end and on exit': { script: 'trap "echo bye \\$?" EXIT; echo main; exit 3', stdout: 'main\nbye 3\n', code: 3 },
    'a trap on a signal sent to ourselves': { script: 'trap "echo got TERM" TERM; kill -TERM $$; echo after', stdout: 'got TERM\nafter\n' },
    'ignored signals': { script: "trap '' TERM; kill $$; echo survived", stdout: 'survived\n' },
    'reset to default (a shell that is not PID 1 dies of TERM)': {
      script: 'sh -c \'trap "echo x" TERM; trap - TERM; kill $$; echo not reached\'; echo $?',
      stdout: '143\n',
    },
    'PID 1 ignores TERM it has no trap for': { script: 'kill $$; echo still here', stdout: 'still here\n' },
    'listing traps (busybox)': { script: "trap 'echo x' INT; trap '' TERM; trap", stdout: "trap -- 'echo x' INT\ntrap -- '' TERM\n", only: 'busybox' },
    'listing traps (bash)': { script: "trap 'echo x' INT; trap", stdout: "trap -- 'echo x' SIGINT\n", only: 'bash' },
  });
});

describe('invocation', () => {
  test('sh with no command and no terminal reads stdin to its end: nothing, so it exits 0 at once', () => {
    const box = shellBox('busybox');
    expect(box.exec(['sh'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });
  test('commands from stdin run one by one', () => {
    const box = shellBox('busybox');
    expect(box.exec(['sh'], { stdin: 'echo one\nif true; then\n echo two\nfi\nexit 4\necho no\n' })).toEqual({ stdout: 'one\ntwo\n', stderr: '', code: 4 });
  });
  test('a script file with arguments', () => {
    const box = shellBox('busybox', { files: { '/s.sh': { file: 'echo "$0 $1 $#"\nnope\n' } } });
    expect(box.exec(['sh', '/s.sh', 'a', 'b'])).toEqual({ stdout: '/s.sh a 2\n', stderr: '/s.sh: line 2: nope: not found\n', code: 127 });
  });
  test('a missing script', () => {
    expect(shellBox('busybox').exec(['sh', '/nope.sh'])).toEqual({ stdout: '', stderr: "sh: can't open '/nope.sh': No such file or directory\n", code: 2 });
    expect(shellBox('bash').exec(['bash', '/nope.sh'])).toEqual({ stdout: '', stderr: 'bash: /nope.sh: No such file or directory\n', code: 127 });
  });
  test('-c without its argument', () => {
    expect(shellBox('busybox').exec(['sh', '-c'])).toMatchObject({ stderr: 'sh: -c requires an argument\n', code: 2 });
  });
  test('options on the command line: sh -ec', () => {
    expect(shellBox('busybox').exec(['sh', '-ec', 'false; echo no'])).toMatchObject({ stdout: '', code: 1 });
  });
  test('the last command of -c replaces the shell (sleep becomes the process)', () => {
    const box = shellBox('busybox');
    const run = box.run(['sh', '-c', 'echo start; sleep 30'], { env: { PATH: '/bin' } });
    box.clock.advance(1000);
    expect(box.ns.list().map((p) => p.argv.join(' '))).toEqual(['sleep 30']);
    expect(run.proc.pid).toBe(1);
    box.clock.advance(30_000);
    expect(run.status()).toEqual({ code: 0 });
  });
});
