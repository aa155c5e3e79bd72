import { describe, expect, it } from 'vitest';
import type { Flavour } from '../../lib/flavour';
import { runTool, toolBox } from '../testkit';

const PODS = `NAME                     READY   STATUS    RESTARTS   AGE
nginx-7854ff8877-2xkqp   1/1     Running   0          5m
redis-0                  0/1     Pending   0          2m
web-5d9c7b8c4-abcde      1/1     Running   3          1h
`;

const GETLINE = '{ print $1 > "/tmp/out" } END { while ((getline) > 0) x++ }';

const files = { '/tmp/pods': PODS, '/tmp/passwd': 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n' };

type Case = [string[], string | undefined, { stdout?: string; stderr?: string; code?: number }];

/** gawk as the nodes have it, under its `awk` name. */
const check = (cases: Case[], flavour: Flavour = 'gnu'): void => {
  it.each(cases)('%j', (argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code ?? 0 });
  });
};

describe('awk one-liners', () => {
  check([
    [['awk', '{print $1}', '/tmp/pods'], undefined, { stdout: 'NAME\nnginx-7854ff8877-2xkqp\nredis-0\nweb-5d9c7b8c4-abcde\n' }],
    [['awk', 'NR>1 {print $1, $3}', '/tmp/pods'], undefined, { stdout: 'nginx-7854ff8877-2xkqp Running\nredis-0 Pending\nweb-5d9c7b8c4-abcde Running\n' }],
    [['awk', '$3 == "Running" { n++ } END { print n " running" }', '/tmp/pods'], undefined, { stdout: '2 running\n' }],
    [['awk', '/Pending/', '/tmp/pods'], undefined, { stdout: 'redis-0                  0/1     Pending   0          2m\n' }],
    [['awk', '-F:', '$3 >= 1000 {print $1}', '/tmp/passwd'], undefined, { stdout: 'alice\n' }],
    [['awk', '-F', ':', '{print $NF}', '/tmp/passwd'], undefined, { stdout: '/bin/bash\n/sbin/nologin\n/bin/bash\n' }],
    [['awk', '{print $(NF-1)}'], 'a b c\n', { stdout: 'b\n' }],
    [['awk', 'BEGIN { print 1 + 2 * 3, 2 ^ 10, 7 % 3, 1 / 4, -2 ^ 2 }'], undefined, { stdout: '7 1024 1 0.25 -4\n' }],
    [['awk', 'BEGIN { x = "a" "b"; x = x 1 + 2; print x, length(x) }'], undefined, { stdout: 'ab3 3\n' }],
    [['awk', '{ sum += $4 } END { printf "%d restarts over %d pods, %.2f each\\n", sum, NR - 1, sum / (NR - 1) }', '/tmp/pods'], undefined, { stdout: '3 restarts over 3 pods, 1.00 each\n' }],
    [['awk', 'NR > 1 { count[$3]++ } END { for (s in count) print s, count[s] }', '/tmp/pods'], undefined, { stdout: 'Running 2\nPending 1\n' }],
    [['awk', '{ n = split($1, parts, "-"); print n, parts[1], toupper(substr(parts[2], 1, 3)) }'], 'nginx-7854ff8877-2xkqp\n', { stdout: '3 nginx 785\n' }],
    [['awk', '{ gsub(/o/, "0"); print }'], 'foo boo\n', { stdout: 'f00 b00\n' }],
    [['awk', '{ sub(/[0-9]+/, "<&>"); print; print NF }'], 'pod 42 x\n', { stdout: 'pod <42> x\n3\n' }],
    [['awk', '{ $2 = "X"; print; print NF }'], 'a   b c\n', { stdout: 'a X c\n3\n' }],
    [['awk', 'BEGIN { OFS = "," } { $1 = $1; print }'], 'a b c\n', { stdout: 'a,b,c\n' }],
    [['awk', '{ NF = 2 } 1'], 'a b c\n', { stdout: 'a b\n' }],
    [['awk', 'length > 3'], 'ab\nabcd\n', { stdout: 'abcd\n' }],
    [['awk', '-v', 'want=redis-0', '$1 == want { print $2 }', '/tmp/pods'], undefined, { stdout: '0/1\n' }],
    [['awk', '{ print x, $1 }', 'x=1', '-', 'x=2', '/tmp/passwd'], 'in\n', { stdout: '1 in\n2 root:x:0:0:root:/root:/bin/bash\n2 bin:x:1:1:bin:/bin:/sbin/nologin\n2 alice:x:1000:1000::/home/alice:/bin/bash\n' }],
    [['awk', '/start/,/stop/'], 'a\nstart\nb\nstop\nc\n', { stdout: 'start\nb\nstop\n' }],
    [['awk', '$1 ~ /^web/ && $2 !~ /0\\//'], PODS, { stdout: 'web-5d9c7b8c4-abcde      1/1     Running   3          1h\n' }],
    [['awk', '{ if ($1 > 5) print $1, "big"; else print $1, "small" }'], '10\n9\n', { stdout: '10 big\n9 big\n' }],
    [['awk', '{ if ($1 > "5") print "text" }'], 'abc\n', { stdout: 'text\n' }],
    [['awk', 'BEGIN { for (i = 1; i <= 3; i++) s = s i; print s; while (j < 2) j++; print j }'], undefined, { stdout: '123\n2\n' }],
    [['awk', 'function max(a, b) { return a > b ? a : b } { m = max(m, $1) } END { print m }'], '3\n10\n7\n', { stdout: '10\n' }],
    [['awk', 'BEGIN { printf "%5s|%-5s|%05.1f|%x|%c|%3d%%\\n", "ab", "cd", 3.14159, 255, 65, 7 }'], undefined, { stdout: '   ab|cd   |003.1|ff|A|  7%\n' }],
    [['awk', 'BEGIN { print 0.1 + 0.2, 1e6, 1e-7, 100000 * 100000, int(-3.7) }'], undefined, { stdout: '0.3 1000000 1e-07 10000000000 -3\n' }],
    [['awk', 'NR == 2 { exit 3 } { print } END { print "end" }'], 'a\nb\nc\n', { stdout: 'a\nend\n', code: 3 }],
    [['awk', '{ print; next; print "never" }'], 'a\n', { stdout: 'a\n' }],
    [['awk', 'BEGIN { print ENVIRON["HOME"] }'], undefined, { stdout: '\n' }],
    [['awk', 'BEGIN { if (match("kube-proxy", /-p/)) print RSTART, RLENGTH; print index("abc", "c") }'], undefined, { stdout: '5 2\n3\n' }],
    [['awk', GETLINE], 'a\n', { stderr: `awk: cmd. line:1: ${GETLINE}\nawk: cmd. line:1: ${' '.repeat(GETLINE.indexOf('getline') + 6)}^ getline is not simulated in kubeplay\n`, code: 1 }],
  ]);

  it('print > FILE truncates once, then appends', () => {
    const box = toolBox({ flavour: 'gnu', files: { '/tmp/out': 'old\n' } });
    expect(runTool(box, ['awk', '{ print $2 > "/tmp/out" }'], { stdin: 'a 1\nb 2\n' }).code).toBe(0);
    expect(box.ns.fs.readFile('/tmp/out')).toBe('1\n2\n');
  });

  it('a busy loop leaves the simulation responsive and Ctrl-C stops it', () => {
    const box = toolBox({ flavour: 'gnu' });
    box.run(['sleep', 'infinity']);
    const run = box.run(['awk', 'BEGIN { while (1) n++ }']);
    box.clock.advance(1000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGINT');
    box.clock.advance(20);
    expect(run.status()).toEqual({ code: 130, signal: 'SIGINT' });
  });

  it('prints each matching line while its input is still open', () => {
    const box = toolBox({ flavour: 'gnu' });
    const run = box.run(['awk', '/error/ { print $2 }']);
    run.stdin.push('error disk\nok fine\n');
    box.clock.advance(1);
    expect(run.stdout()).toBe('disk\n');
  });
});

describe('awk errors', () => {
  check([
    [['awk', '{print $1'], '', { stderr: 'awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n', code: 1 }],
    [['awk', '{print "abc}'], '', { stderr: 'awk: cmd. line:1: {print "abc}\nawk: cmd. line:1:        ^ unterminated string\n', code: 1 }],
    [['awk', '{ print $1 }}'], '', { stderr: 'awk: cmd. line:1: { print $1 }}\nawk: cmd. line:1:             ^ syntax error\n', code: 1 }],
    [['awk', 'BEGIN {\n  x = 1 +\n}'], '', { stderr: 'awk: cmd. line:2:   x = 1 +\nawk: cmd. line:2:          ^ unexpected newline or end of string\n', code: 1 }],
    [['awk', 'BEGIN { print 1 / 0 }'], undefined, { stderr: 'awk: cmd. line:1: fatal: division by zero attempted\n', code: 2 }],
    [['awk', '{ print }', '/tmp/nope'], undefined, { stderr: "awk: fatal: cannot open file `/tmp/nope' for reading: No such file or directory\n", code: 2 }],
  ]);
  check([
    [['awk', '{ print }', '/tmp/nope'], undefined, { stderr: "awk: can't open '/tmp/nope': No such file or directory\n", code: 2 }],
    [['awk', '{print $1}', '/tmp/passwd'], undefined, { stdout: 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n' }],
  ], 'busybox');

  it('gawk without a program prints its usage and exits 2', () => {
    const run = runTool(toolBox({ flavour: 'gnu' }), ['gawk']);
    expect(run.stderr).toBe("Usage: gawk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: gawk [POSIX or GNU style options] [--] 'program' file ...\n");
    expect(run.code).toBe(2);
  });
});
