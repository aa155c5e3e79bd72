import type { Speed } from '../worker/protocol';

/**
 * The page's remembered settings live in localStorage. Reading it can fail (storage disabled, a
 * test without a DOM): then nothing is remembered and the defaults apply.
 */
export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered: the setting still holds until the page reloads.
  }
}

const LESSON_OPEN_KEY = 'kubeplay.lesson.open';

/** Whether the lesson panel is open (it is, unless the learner folded it). */
export const recallLessonOpen = (): boolean => recall(LESSON_OPEN_KEY) !== 'false';
export const rememberLessonOpen = (open: boolean): void => remember(LESSON_OPEN_KEY, String(open));

const SPEED_KEY = 'kubeplay.time.speed';
const SPEEDS: readonly Speed[] = [0, 1, 2, 5, 10, 60];

/** A speed as stored (text), if it is one of the time controls' speeds. */
export const parseSpeed = (text: string | null): Speed | undefined => SPEEDS.find((speed) => String(speed) === text);

/** The simulated clock's speed when the page was left (0: paused), 1× if none was remembered. */
export const recallSpeed = (): Speed => parseSpeed(recall(SPEED_KEY)) ?? 1;
export const rememberSpeed = (speed: Speed): void => remember(SPEED_KEY, String(speed));
