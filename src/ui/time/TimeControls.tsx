/**
 * The top bar's time controls: the simulated clock, pause/play, the speed, step to the next event
 * and fast-forward until the cluster is quiet. Only the pace changes: a 10 s back-off is still ten
 * simulated seconds, it just passes sooner. The worker owns the clock; this shows its reports.
 */
import { useState } from 'react';
import { send, useCluster } from '../store';
import type { Speed } from '../../worker/protocol';
import './time.css';

type RunningSpeed = Exclude<Speed, 0>;
const SPEEDS: readonly RunningSpeed[] = [1, 2, 5, 10, 60];

/** `HH:MM:SS` of the cluster's clock (UTC, as the nodes' `date` prints it). */
export const clockText = (iso: string): string => iso.slice(11, 19);

/** The pace to show beside the speed, if the cluster could not keep it (e.g. "≈ 23×"). */
export function paceBehind(speed: Speed, pace: number): string | undefined {
  if (speed === 0 || pace >= speed * 0.9) return undefined;
  return `≈ ${pace < 10 ? pace.toFixed(1) : Math.round(pace)}×`;
}

export function TimeControls() {
  const time = useCluster((s) => s.time);
  // The speed play goes back to: chosen in the selector, kept while paused.
  const [chosen, setChosen] = useState<RunningSpeed>(1);
  if (!time) return null;
  const paused = time.speed === 0;
  const forwarding = time.fastForward === 'running';
  const behind = paceBehind(time.speed, time.pace);
  const choose = (speed: RunningSpeed) => {
    setChosen(speed);
    if (!paused) send({ type: 'time-speed', speed });
  };
  return (
    <div className="time-controls" role="group" aria-label="time controls">
      <time className="sim-clock" dateTime={time.iso} title={`simulated time ${time.iso}`} aria-label="simulated time">
        {clockText(time.iso)}
      </time>
      <button
        type="button"
        aria-label={paused ? 'play' : 'pause'}
        title={paused ? 'Play' : 'Pause'}
        onClick={() => send({ type: 'time-speed', speed: paused ? chosen : 0 })}
      >
        {paused ? '▶ Play' : '‖ Pause'}
      </button>
      <select aria-label="speed" value={chosen} onChange={(e) => choose(Number(e.target.value) as RunningSpeed)}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      {behind && (
        <span className="pace" title="The cluster has more to do than fits in the frames: time runs slower than chosen.">
          {behind}
        </span>
      )}
      <button type="button" aria-label="step to the next event" title="Pause and step to the next scheduled event" onClick={() => send({ type: 'time-step' })}>
        Step
      </button>
      <button
        type="button"
        aria-label="fast-forward until quiet"
        title="Run until nothing is left to do (at most 10 simulated minutes)"
        disabled={forwarding}
        onClick={() => send({ type: 'time-fast-forward' })}
      >
        » Until quiet
      </button>
      <span className="time-status" role="status">
        {forwarding ? 'fast-forwarding…' : time.fastForward === 'quiet' ? 'quiet' : time.fastForward === 'capped' ? 'still busy after 10 min' : paused ? 'paused' : ''}
      </span>
    </div>
  );
}

/** Beside the terminal while time is paused: why `sleep 5` does not finish. */
export function TimePausedNotice() {
  const paused = useCluster((s) => s.time?.speed === 0 && s.time.fastForward !== 'running');
  if (!paused) return null;
  return (
    <p className="notice time-paused" role="note">
      Time is paused: commands that take no simulated time still answer, but anything that waits — a sleep, an image pull, a
      probe — waits until you press play (or step).
    </p>
  );
}
