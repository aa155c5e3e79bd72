/**
 * Go's `time.Duration.String()`, because the kubelet prints durations that way in events and
 * waiting messages: `10s`, `1m20s`, `5m0s`, `717ms`, `1m0.809s`.
 *
 * Simulated time has millisecond resolution, and kubelet 1.28+ truncates pull durations to the
 * millisecond anyway (`Pulled … in 7.46s`), so the input is truncated to whole ms first.
 */
export function formatGoDuration(ms: number): string {
  const whole = Math.trunc(ms);
  if (whole === 0) return '0s';
  if (whole < 0) return `-${formatGoDuration(-whole)}`;
  // Under a second Go switches unit instead of printing a fraction of a second.
  if (whole < 1000) return `${whole}ms`;

  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const millis = whole % 60_000;
  const seconds = Math.floor(millis / 1000);
  const fraction = String(millis % 1000).padStart(3, '0').replace(/0+$/, '');
  const secondsPart = `${seconds}${fraction === '' ? '' : `.${fraction}`}s`;

  // Larger units always carry every smaller one: an hour prints as `1h0m0s`.
  if (hours > 0) return `${hours}h${minutes}m${secondsPart}`;
  if (minutes > 0) return `${minutes}m${secondsPart}`;
  return secondsPart;
}
