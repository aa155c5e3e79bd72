/**
 * Seeded property: whatever sequence of scale and image changes a learner throws at a Deployment —
 * at any moment, mid-rollout included — the rollout bounds hold after every watch event, and the
 * cluster ends with exactly `replicas` updated, available pods.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { R } from '../testing/harness';
import { deploymentObject, podsWithLabel, replicaSetsOf, RolloutMonitor, scaleDeployment, setImage, workloadCluster } from '../testing/workloads';
import { resolveFenceposts } from './rolling';

type Op = { kind: 'scale'; replicas: number; waitMs: number } | { kind: 'image'; tag: number; waitMs: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 8 }), waitMs: fc.integer({ min: 0, max: 4000 }) }),
  fc.record({ kind: fc.constant('image' as const), tag: fc.integer({ min: 1, max: 4 }), waitMs: fc.integer({ min: 0, max: 4000 }) }),
);

/** Catalogue tags to roll between (an image the registry does not have would never become available). */
const TAGS = ['1.25', '1.25.4', '1.21', '1.20', '1.25-alpine'];

const bounds = (replicas: number) => resolveFenceposts('25%', '25%', replicas);

describe('rollout property', () => {
  it('bounds hold at every event and the Deployment converges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1000 }), (initial, ops, seed) => {
        const { cluster } = workloadCluster({ seed, workers: 2 });
        cluster.must(R.deployments, deploymentObject('web', initial, `nginx:${TAGS[0]}`));
        cluster.settle();
        const monitor = new RolloutMonitor(cluster, 'web');

        // While a change is under way, the bounds of every replicas value in effect since the
        // cluster was last quiet apply: the widest total, the lowest availability.
        //
        // One honest exception, as upstream: scaling *down in the middle of a rollout* shrinks old
        // and new ReplicaSets in proportion, without regard to availability (the user asked for
        // fewer pods), so until things settle only the total is bounded then.
        let replicas = initial;
        let image = `nginx:${TAGS[0]}`;
        let window = [replicas];
        let quiet = true;
        let proportionalScaleDown = false;
        const widen = (): void => {
          monitor.bounds = {
            maxTotal: Math.max(...window.map((r) => r + bounds(r).surge)),
            minAvailable: proportionalScaleDown ? 0 : Math.min(...window.map((r) => r - Math.min(r, bounds(r).unavailable))),
          };
        };
        widen();
        for (const o of ops) {
          if (o.kind === 'scale') {
            if (o.replicas < replicas && !quiet) proportionalScaleDown = true;
            replicas = o.replicas;
            window.push(replicas);
            widen();
            scaleDeployment(cluster, 'web', replicas);
          } else {
            image = `nginx:${TAGS[o.tag]}`;
            setImage(cluster, 'web', image);
          }
          // Once everything has settled, only the current replicas' bounds apply.
          quiet = cluster.clock.runUntilQuiet(o.waitMs);
          if (!quiet) continue;
          window = [replicas];
          proportionalScaleDown = false;
          widen();
        }
        expect(cluster.settle()).toBe(true);
        monitor.stop();

        expect(monitor.violations).toEqual([]);
        const pods = podsWithLabel(cluster, 'app', 'web');
        expect(pods).toHaveLength(replicas);
        expect(pods.every((p) => p.spec!.containers[0]!.image === image && p.status?.phase === 'Running')).toBe(true);
        const d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
        expect(d.status?.updatedReplicas ?? 0).toBe(replicas);
        expect(d.status?.availableReplicas ?? 0).toBe(replicas);
        expect(d.status?.replicas ?? 0).toBe(replicas);
        const active = replicaSetsOf(cluster, 'web').filter((rs: ReplicaSet) => (rs.spec?.replicas ?? 0) > 0);
        expect(active.length).toBeLessThanOrEqual(1);
      }),
      { seed: 20260105, numRuns: 25 },
    );
  }, 120_000);
});
