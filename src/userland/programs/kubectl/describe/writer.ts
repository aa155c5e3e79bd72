/**
 * What every describer writes with (kubectl's prefixWriter over a tabwriter): `write(level, …)`
 * indents by two spaces per level; tabs separate a key from its value, and the tabwriter aligns
 * them when the text is flushed. Also the shared pieces of every description: labels and
 * annotations on several lines, `<none>`, RFC 1123 times and ages.
 */
import { humanDuration } from '../../../../engine/api/tables/duration';
import { strftime } from '../../../lib/time';
import { tabwrite } from './tabwriter';

export class DescribeWriter {
  private pending = '';
  private done = '';

  /** `level` 0..4: two spaces each, before the text. */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** Aligns what was written so far on its own: what follows starts new columns. */
  flush(): void {
    this.done += tabwrite(this.pending);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}

/** The annotation kubectl apply keeps; describe never shows it. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Longer annotations go on their own lines, cut to this width. */
const MAX_ANNOTATION = 140;

/**
 * `Labels:  app=nginx` with further labels on their own lines under the first value, sorted by
 * key; `<none>` when empty.
 */
export function writeLabels(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((key, i) => w.write(0, `${i > 0 ? '\t' : ''}${key}=${labels![key]}\n`));
}

/** `Annotations:  key: value`, sorted; a long or multi-line value goes below its key, cut at 140. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((key, i) => {
    if (i > 0) w.write(0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/** RFC 1123 with a numeric zone, as Go's `time.RFC1123Z`: `Tue, 09 Jan 2024 10:22:01 +0000`. */
export function rfc1123z(timestamp: string | undefined): string {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  // Go formats a zero time as year 1.
  return Number.isNaN(ms) ? 'Mon, 01 Jan 0001 00:00:00 +0000' : strftime('%a, %d %b %Y %H:%M:%S %z', ms);
}

/** How long ago, as `kubectl` computes it from its own clock: `5m30s`, `<unknown>` for no time. */
export function since(timestamp: string | undefined, now: number): string {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(ms) ? '<unknown>' : humanDuration(now - ms);
}

export const orNone = (text: string | undefined): string => (text ? text : '<none>');
