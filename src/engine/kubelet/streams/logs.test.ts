import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { ContainerLog } from '../../runtime/cri/container-log';
import { Clock } from '../../sim/clock';
import { chooseContainer, chooseInstance, podLogs, type LogSource } from './logs';

const pod = (containers: string[], init: string[] = []): Pod => ({
  metadata: { name: 'pod-demo' },
  spec: { initContainers: init.map((name) => ({ name })), containers: containers.map((name) => ({ name })) },
});

describe('which container (the apiserver)', () => {
  it.each<[string, Pod, string | undefined, string]>([
    ['the only container', pod(['myapp']), undefined, 'myapp'],
    ['a named one', pod(['myapp', 'busybox']), 'busybox', 'busybox'],
    ['an init container by name', pod(['myapp'], ['init']), 'init', 'init'],
    ['two and no name', pod(['myapp', 'busybox']), undefined, 'a container name must be specified for pod pod-demo, choose one of: [myapp busybox]'],
    ['init containers are listed first', pod(['a', 'b'], ['i']), undefined, 'a container name must be specified for pod pod-demo, choose one of: [i a b]'],
    ['a name that is not there', pod(['myapp']), 'foo', 'container foo is not valid for pod pod-demo'],
  ])('%s', (_name, p, requested, expected) => {
    const chosen = chooseContainer(p, requested);
    expect(typeof chosen === 'string' ? chosen : chosen.error).toBe(expected);
  });
});

describe('which instance (the kubelet)', () => {
  const terminated = (id: string) => ({ terminated: { exitCode: 1, containerID: id } });
  it.each<[string, Partial<ContainerStatus>, boolean, string]>([
    ['running', { state: { running: {} }, containerID: 'c2', lastState: terminated('c1') }, false, 'c2'],
    ['--previous of a restarted one', { state: { running: {} }, containerID: 'c2', lastState: terminated('c1') }, true, 'c1'],
    ['--previous without a previous one', { state: { running: {} }, containerID: 'c1', lastState: {} }, true, 'previous terminated container "web" in pod "p" not found'],
    ['terminated', { state: terminated('c1'), containerID: 'c1', lastState: {} }, false, 'c1'],
    ['crash-looping: the last run', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated('c3') }, false, 'c3'],
    ['creating', { state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: ContainerCreating'],
    ['pull failed', { state: { waiting: { reason: 'ErrImagePull' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: image can\'t be pulled'],
    ['pull backing off', { state: { waiting: { reason: 'ImagePullBackOff' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: trying and failing to pull image'],
    ['no status at all', {}, false, 'container "web" in pod "p" is waiting to start - no logs yet'],
  ])('%s', (_name, status, previous, expected) => {
    const chosen = chooseInstance({ name: 'web', image: '', imageID: '', ready: false, restartCount: 0, ...status }, 'web', 'p', previous);
    expect(typeof chosen === 'string' ? chosen : chosen.error).toBe(expected);
  });
});

describe('following a log (the kubelet streams what the instance writes next)', () => {
  /** A pod whose one container `web` runs instance `first`, with the runtime's real log of each instance. */
  function world() {
    const clock = new Clock();
    const logs = new Map([['first', new ContainerLog(clock)]]);
    let status: ContainerStatus = { name: 'web', image: '', imageID: '', ready: true, restartCount: 0, containerID: 'first', state: { running: {} } };
    const source: LogSource = {
      pod: pod(['web']),
      status: () => status,
      logs: (id) => logs.get(id)?.lines() ?? [],
      follow: (id, listener, ended) => logs.get(id)!.follow(listener, ended),
    };
    /** What a client reading the whole answer sees, and whether the stream has ended. */
    const request = (query: Record<string, string>) => {
      const response = podLogs(source, { follow: 'true', ...query }, clock);
      const seen = { text: response.body as string, ended: response.stream === undefined };
      const hangUp = response.stream?.open(
        (chunk) => (seen.text += chunk),
        () => (seen.ended = true),
      );
      return { seen, hangUp: hangUp ?? (() => {}) };
    };
    const write = (text: string, id = 'first') => {
      clock.advance(1000);
      logs.get(id)!.write('stdout', text);
    };
    /** The instance exits and the kubelet starts the next one. */
    const restart = () => {
      logs.get('first')!.finish();
      logs.set('second', new ContainerLog(clock));
      status = { ...status, containerID: 'second', restartCount: 1, lastState: { terminated: { exitCode: 1, containerID: 'first' } } };
    };
    return { clock, request, write, restart, exit: () => logs.get('first')!.finish() };
  }

  const stamp = (s: number) => `2026-01-05T09:00:0${s}.000000000Z`;

  it.each<[string, Record<string, string>, string, string]>([
    ['everything so far, then each new line', {}, 'a\nb\n', 'a\nb\nc\nhalf d\n'],
    ['the last line so far, then each new line', { tailLines: '1' }, 'b\n', 'b\nc\nhalf d\n'],
    ['no line so far with tailLines=0, then the new ones', { tailLines: '0' }, '', 'c\nhalf d\n'],
    ['timestamps on old and new lines, stamped when the line is complete', { timestamps: 'true', tailLines: '1' }, `${stamp(2)} b\n`, `${stamp(2)} b\n${stamp(3)} c\n${stamp(5)} half d\n`],
    ['limitBytes counted over the whole stream', { limitBytes: '5' }, 'a\nb\n', 'a\nb\nc'],
  ])('%s', (_name, query, before, after) => {
    const w = world();
    w.write('a\n');
    w.write('b\n');
    const { seen } = w.request(query);
    expect(seen.text).toBe(before);
    w.write('c\n');
    w.write('half ');
    w.write('d\n');
    expect(seen.text).toBe(after);
  });

  it('ends once limitBytes is reached, and at once when the text so far reaches it', () => {
    const w = world();
    w.write('hello\n');
    const exact = w.request({ limitBytes: '6' }).seen;
    const short = w.request({ limitBytes: '8' }).seen;
    expect(exact).toEqual({ text: 'hello\n', ended: true });
    expect(short.ended).toBe(false);
    w.write('world\n');
    expect(short).toEqual({ text: 'hello\nwo', ended: true });
  });

  it('ends when the container exits, with its unfinished last line', () => {
    const w = world();
    const { seen } = w.request({});
    w.write('done\nno newline');
    expect(seen).toEqual({ text: 'done\n', ended: false });
    w.exit();
    expect(seen).toEqual({ text: 'done\nno newline', ended: true });
  });

  it('ends with the instance that is restarted; a new request follows the new one', () => {
    const w = world();
    const old = w.request({}).seen;
    w.write('first run\n');
    w.restart();
    w.write('second run\n', 'second');
    expect(old).toEqual({ text: 'first run\n', ended: true });
    const now = w.request({}).seen;
    w.write('more\n', 'second');
    expect(now).toEqual({ text: 'second run\nmore\n', ended: false });
  });

  it('answers whole, without a stream, for a terminated instance or --previous', () => {
    const w = world();
    w.write('first run\n');
    w.restart();
    expect(w.request({ previous: 'true' }).seen).toEqual({ text: 'first run\n', ended: true });
  });

  it('stops passing lines on once the client hangs up', () => {
    const w = world();
    const { seen, hangUp } = w.request({});
    w.write('a\n');
    hangUp();
    w.write('b\n');
    expect(seen).toEqual({ text: 'a\n', ended: false });
  });
});
