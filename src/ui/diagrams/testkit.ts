/**
 * For the diagrams' tests: a page watching a simulated cluster the way the real page does — the
 * worker's projection taken once a frame (100 ms of simulated time here), applied to the views,
 * and recorded into the diagrams' history.
 */
import { expect } from 'vitest';
import type { Learner } from '../../engine/tutorial/testkit';
import { Projection } from '../../worker/projection';
import { applyChanges, changeTimes, emptyViewMaps, type ViewMaps } from '../../worker/views';
import { emptyHistory, recordBatch, type History } from './history';

export class WatchingPage {
  maps: ViewMaps = emptyViewMaps();
  history: History = emptyHistory();
  private readonly projection: Projection;

  constructor(private readonly learner: Learner) {
    this.projection = new Projection(learner.cluster.client('kubeplay-ui'), () => learner.now);
  }

  /** One frame: 100 ms pass, then the batch is applied and recorded. */
  frame(): void {
    this.learner.wait(100);
    const changes = this.projection.take() ?? [];
    const next = applyChanges(this.maps, changes);
    this.history = recordBatch(this.history, this.maps, next, this.learner.now, changeTimes(changes));
    this.maps = next;
  }

  /** Frames for `ms` of simulated time. */
  watch(ms: number): void {
    for (let t = 0; t < ms; t += 100) this.frame();
  }

  /** Frames until `until` holds (at most `max` of them). */
  frames(until: () => boolean, max = 3000): void {
    for (let i = 0; i < max && !until(); i++) this.frame();
    expect(until()).toBe(true);
  }
}
