import { describe, expect, it } from 'vitest';
import { resolvePort } from './actions';

describe('probe ports', () => {
  const container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] };
  it.each<[string, number | string, number | string]>([
    ['a number', 80, 80],
    ['a number as text', '8081', 8081],
    ['a named port', 'http', 8080],
    ['another named port', 'metrics', 9090],
    ['a name the container does not have', 'web', 'port web not found'],
  ])('%s', (_name, port, expected) => expect(resolvePort(port, container)).toBe(expected));
});
