import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsdTime, column, cpuTime, elapsedTime, layoutLine, startTime, type Chosen } from './format';
import { commandName, type ProcRow } from './processes';

const chosen = (...names: string[]): Chosen[] => names.map((name) => ({ column: column(name)!, header: column(name)!.header }));

describe('procps column layout', () => {
  it.each([
    // procps-ng 3.3.17 headers (PIDs 7 wide: pid_max 4194304).
    [['uid_hack', 'pid', 'ppid', 'c', 'stime', 'tname', 'time', 'cmd'], 'UID          PID    PPID  C STIME TTY          TIME CMD'],
    [['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tname', 'stat', 'start_time', 'bsdtime', 'args'], 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'],
    [['pid', 'tname', 'time', 'ucmd'], '    PID TTY          TIME CMD'],
    [['pid', 'tname', 'stat', 'bsdtime', 'args'], '    PID TTY      STAT   TIME COMMAND'],
    [['pid', 'ppid', 'etime', 'comm'], '    PID    PPID     ELAPSED COMMAND'],
  ])('lays out the header of %j', (names, header) => {
    const columns = chosen(...names);
    expect(layoutLine(columns, columns.map((c) => c.header))).toBe(header);
  });

  it.each([
    ['a row under its header', ['root', '1', '0', '0', '09:12', '?', '00:00:02', '/usr/lib/systemd/systemd'], 'root           1       0  0 09:12 ?        00:00:02 /usr/lib/systemd/systemd'],
    ['a cell wider than its column, the next ones catching up', ['systemd-resolve', '612', '1', '0', '09:12', '?', '00:00:00', 'x'], 'systemd-resolve 612    1  0 09:12 ?        00:00:00 x'],
    ['a terminal', ['root', '2001', '1972', '0', '09:30', 'pts/0', '00:00:00', 'ps -ef'], 'root        2001    1972  0 09:30 pts/0    00:00:00 ps -ef'],
  ])('lays out %s', (_what, cells, line) => {
    expect(layoutLine(chosen('uid_hack', 'pid', 'ppid', 'c', 'stime', 'tname', 'time', 'cmd'), cells)).toBe(line);
  });

  it('lets a wide VSZ push RSS right, and the next columns take the room back', () => {
    const columns = chosen('user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tname', 'stat');
    expect(layoutLine(columns, ['root', '1944', '2.1', '0.7', '11219340', '58412', '?', 'Ssl']))
      .toBe('root        1944  2.1  0.7 11219340 58412 ?      Ssl');
    expect(layoutLine(columns, ['root', '1944', '2.1', '0.7', '1884324', '52168', '?', 'Ssl']))
      .toBe('root        1944  2.1  0.7 1884324 52168 ?       Ssl');
  });

  it('cuts a user name longer than its column to 7 characters and a +', () => {
    const user = column('user')!;
    expect(['root', '65535', 'systemd-resolve'].map((name) => user.value({ user: name } as ProcRow, 0))).toEqual(['root', '65535', 'systemd+']);
  });

  it('cuts a line at the terminal width', () => {
    expect(layoutLine(chosen('pid', 'args'), ['1', 'x'.repeat(100)], 20)).toBe('      1 xxxxxxxxxxxx');
  });

  it('keeps every column start at or after its place, whatever the values', () => {
    const columns = chosen('uid_hack', 'pid', 'ppid', 'c', 'stime', 'tname', 'time', 'cmd');
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '1', '/'), maxLength: 12 }), { minLength: 8, maxLength: 8 }), (cells) => {
      const line = layoutLine(columns, cells);
      // Every cell appears, in order, separated by at least one space.
      let at = 0;
      for (const [i, cell] of cells.entries()) {
        const found = line.indexOf(cell, at);
        expect(found).toBeGreaterThanOrEqual(at);
        at = found + cell.length + (i < cells.length - 1 ? 1 : 0);
      }
    }));
  });
});

describe('procps time formats', () => {
  it.each([
    [0, '00:00:00', '0:00', '00:00'],
    [61_000, '00:01:01', '1:01', '01:01'],
    [3_723_000, '01:02:03', '62:03', '01:02:03'],
    [90_061_000, '1-01:01:01', '1501:01', '1-01:01:01'],
  ])('%i ms is TIME %s, BSD TIME %s, ELAPSED %s', (ms, time, bsd, elapsed) => {
    expect(cpuTime(ms)).toBe(time);
    expect(bsdTime(ms)).toBe(bsd);
    expect(elapsedTime(ms)).toBe(elapsed);
  });

  it.each([
    ['today: the time of day', Date.UTC(2026, 0, 5, 9, 12), Date.UTC(2026, 0, 5, 18, 0), '09:12'],
    ['an earlier day: month and day', Date.UTC(2026, 0, 3, 9, 12), Date.UTC(2026, 0, 5, 18, 0), 'Jan03'],
    ['an earlier year: the year', Date.UTC(2025, 11, 31, 23, 0), Date.UTC(2026, 0, 5, 18, 0), '2025'],
  ])('STIME of a process started %s', (_what, started, now, text) => {
    expect(startTime(started, now)).toBe(text);
  });
});

describe('the command name the kernel keeps', () => {
  it.each([
    ['/usr/bin/containerd', 'containerd'],
    ['-bash', 'bash'],
    ['nginx: worker process', 'nginx'],
    ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 'sshd'],
    ['kube-controller-manager', 'kube-controller'],
    ['[kworker/0:0H-events_highpri]', 'kworker/0:0H-events_highpri'],
  ])('%s is %s', (argv0, comm) => {
    expect(commandName(argv0)).toBe(comm);
  });
});
