import { describe, expect, it } from 'vitest';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  regexError,
} from './names';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('regexError', () => {
  it('puts two spaces before every "or"', () => {
    expect(regexError('msg', 're', 'a', 'b', 'c')).toBe("msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')");
    expect(regexError('msg', 're')).toBe("msg (regex used for validation is 're')");
  });
});

describe('name and label checks', () => {
  it.each([
    ['subdomain ok', isDNS1123Subdomain, 'nginx.example', []],
    ['subdomain upper case', isDNS1123Subdomain, 'Nginx', [SUBDOMAIN]],
    ['subdomain too long', isDNS1123Subdomain, 'a'.repeat(254), ['must be no more than 253 characters']],
    ['label ok', isDNS1123Label, 'my-ns', []],
    ['label with dots', isDNS1123Label, 'a.b', ['must not contain dots']],
    ['label underscore', isDNS1123Label, 'a_b', [LABEL]],
    ['label too long', isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
    ['dns-1035 starts with digit', isDNS1035Label, '1web', [DNS1035]],
    ['dns-1035 ok', isDNS1035Label, 'web-1', []],
    ['qualified ok', isQualifiedName, 'app.kubernetes.io/name', []],
    ['qualified bad name part', isQualifiedName, 'app/-x', [NAME_PART]],
    ['qualified empty name part', isQualifiedName, 'example.com/', ['name part must be non-empty', NAME_PART]],
    ['qualified empty prefix', isQualifiedName, '/name', ['prefix part must be non-empty']],
    ['qualified bad prefix', isQualifiedName, 'Example.com/name', [`prefix part ${SUBDOMAIN}`]],
    ['qualified long name', isQualifiedName, 'a'.repeat(64), ['name part must be no more than 63 characters']],
    [
      'qualified two slashes',
      isQualifiedName,
      'a/b/c',
      [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    ['label value empty ok', isValidLabelValue, '', []],
    ['label value bad', isValidLabelValue, '-x', [LABEL_VALUE]],
    ['label value too long', isValidLabelValue, 'a'.repeat(64), ['must be no more than 63 characters']],
  ] as const)('%s', (_, check, value, expected) => {
    expect(check(value)).toEqual(expected);
  });

  it.each([
    ['http', []],
    ['web-80', []],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-ab', ['must not begin or end with a hyphen']],
    ['a-very-long-port-name', ['must be no more than 15 characters']],
  ])('port name %s', (name, expected) => {
    expect(isValidPortName(name)).toEqual(expected);
  });

  it.each([
    [0, ['must be between 1 and 65535, inclusive']],
    [65536, ['must be between 1 and 65535, inclusive']],
    [80, []],
  ])('port number %s', (n, expected) => expect(isValidPortNum(n)).toEqual(expected));

  it('allows a trailing dash in a generateName prefix', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN]);
  });
});
