/**
 * The top bar's time controls: the simulated clock, pause/play, the speed, step to the next event
 * and fast-forward until the cluster is quiet. Only the pace changes: a 10 s back-off is still ten
 * simulated seconds, it just passes sooner. The worker owns the clock; this shows its reports.
 */
import { useState } from 'react';
import { send, useCluster } from '../store';
import type { Speed } from '../../worker/protocol';
import { useStrings } from '../i18n';
import { recallSpeed } from '../remember';
import { TIME_STRINGS } from './strings';
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
  const t = useStrings(TIME_STRINGS);
  // The speed play goes back to: chosen in the selector, kept while paused (remembered across a reload).
  const [chosen, setChosen] = useState<RunningSpeed>(() => recallSpeed() || 1);
  if (!time) return null;
  const paused = time.speed === 0;
  const forwarding = time.fastForward === 'running';
  const behind = paceBehind(time.speed, time.pace);
  const choose = (speed: RunningSpeed) => {
    setChosen(speed);
    if (!paused) send({ type: 'time-speed', speed });
  };
  return (
    <div className="time-controls" role="group" aria-label={t.group}>
      <time className="sim-clock" dateTime={time.iso} title={t.clockTitle(time.iso)} aria-label={t.clock}>
        {clockText(time.iso)}
      </time>
      <button
        type="button"
        aria-label={paused ? t.play : t.pause}
        title={paused ? t.playTitle : t.pauseTitle}
        onClick={() => send({ type: 'time-speed', speed: paused ? chosen : 0 })}
      >
        {paused ? t.playButton : t.pauseButton}
      </button>
      <select aria-label={t.speed} value={chosen} onChange={(e) => choose(Number(e.target.value) as RunningSpeed)}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      {behind && (
        <span className="pace" title={t.behindTitle}>
          {behind}
        </span>
      )}
      <button type="button" aria-label={t.step} title={t.stepTitle} onClick={() => send({ type: 'time-step' })}>
        {t.stepButton}
      </button>
      <button
        type="button"
        aria-label={t.fastForward}
        title={t.fastForwardTitle}
        disabled={forwarding}
        onClick={() => send({ type: 'time-fast-forward' })}
      >
        {t.fastForwardButton}
      </button>
      <span className="time-status" role="status">
        {forwarding ? t.forwarding : time.fastForward === 'quiet' ? t.quiet : time.fastForward === 'capped' ? t.capped : paused ? t.paused : ''}
      </span>
    </div>
  );
}

/** Beside the terminal while time is paused: why `sleep 5` does not finish. */
export function TimePausedNotice() {
  const paused = useCluster((s) => s.time?.speed === 0 && s.time.fastForward !== 'running');
  const t = useStrings(TIME_STRINGS);
  if (!paused) return null;
  return (
    <p className="notice time-paused" role="note">
      {t.pausedNotice}
    </p>
  );
}
