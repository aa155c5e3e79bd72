/**
 * Controller expectations: "I just asked for N pods to be created and these to be deleted; don't
 * act on this DaemonSet again until the informer has shown me those changes." Without them a sync
 * running before the watch events arrive would see the old picture and create a second pod on the
 * same node. (client-go's ControllerExpectations, without the 5-minute timeout.)
 */
export class Expectations {
  private readonly pending = new Map<string, { adds: number; deletes: Set<string> }>();

  expectCreations(key: string, count: number): void {
    this.entry(key).adds += count;
  }

  expectDeletion(key: string, podKey: string): void {
    this.entry(key).deletes.add(podKey);
  }

  creationObserved(key: string): void {
    const e = this.pending.get(key);
    if (e && e.adds > 0) e.adds--;
  }

  /** A create the apiserver refused will never be observed. */
  creationFailed(key: string): void {
    this.creationObserved(key);
  }

  deletionObserved(key: string, podKey: string): void {
    this.pending.get(key)?.deletes.delete(podKey);
  }

  satisfied(key: string): boolean {
    const e = this.pending.get(key);
    return !e || (e.adds <= 0 && e.deletes.size === 0);
  }

  forget(key: string): void {
    this.pending.delete(key);
  }

  private entry(key: string): { adds: number; deletes: Set<string> } {
    let e = this.pending.get(key);
    if (!e) this.pending.set(key, (e = { adds: 0, deletes: new Set() }));
    return e;
  }
}
