/**
 * Objects with resourceVersions, and watch events: the part of etcd + the API server the simulator
 * needs. One global resourceVersion counter, as in Kubernetes.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';

export type Obj = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [k: string]: unknown;
};
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  plural: string;
  object: Obj;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const HISTORY = 10_000;

export class Store extends EventEmitter {
  private rv = 1;
  private readonly objects = new Map<string, Obj>();
  /** The same objects by resource, so a controller's scan of one kind does not walk every Event and Pod. */
  private readonly byPlural = new Map<string, Map<string, Obj>>();
  readonly history: WatchEvent[] = [];

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  get resourceVersion(): number {
    return this.rv;
  }
  /** The oldest resourceVersion a watch can still resume from. */
  get oldestWatchable(): number {
    return this.history.length ? this.history[0]!.rv - 1 : this.rv;
  }

  private key(plural: string, name: string, ns?: string): string {
    return `${plural}/${ns ?? ''}/${name}`;
  }

  get(plural: string, name: string, ns?: string): Obj | undefined {
    const o = this.objects.get(this.key(plural, name, ns));
    return o ? structuredClone(o) : undefined;
  }

  list(plural: string, ns?: string): Obj[] {
    const out: Obj[] = [];
    for (const o of this.byPlural.get(plural)?.values() ?? [])
      if (ns === undefined || o.metadata.namespace === ns) out.push(structuredClone(o));
    return out.sort(
      (a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /** The live objects of one kind, not copied: for controllers that only read. Do not modify them. */
  scan(plural: string): readonly Obj[] {
    return [...(this.byPlural.get(plural)?.values() ?? [])];
  }

  create(plural: string, obj: Obj): Obj {
    const k = this.key(plural, obj.metadata.name, obj.metadata.namespace);
    if (this.objects.has(k)) throw new ApiError(409, 'AlreadyExists', `${plural} "${obj.metadata.name}" already exists`);
    const o = structuredClone(obj);
    o.metadata.uid = randomUUID();
    o.metadata.creationTimestamp = new Date().toISOString();
    o.metadata.generation = 1;
    return this.commit(plural, k, o, 'ADDED');
  }

  /** Replaces an object; a stale resourceVersion in `obj` is a 409 Conflict. */
  update(plural: string, obj: Obj): Obj {
    const k = this.key(plural, obj.metadata.name, obj.metadata.namespace);
    const cur = this.objects.get(k);
    if (!cur) throw new ApiError(404, 'NotFound', `${plural} "${obj.metadata.name}" not found`);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const o = structuredClone(obj);
    o.metadata.uid = cur.metadata.uid;
    o.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    const specChanged = JSON.stringify(o['spec']) !== JSON.stringify(cur['spec']);
    o.metadata.generation = (cur.metadata.generation as number) + (specChanged ? 1 : 0);
    return this.commit(plural, k, o, 'MODIFIED');
  }

  /** Read-modify-write for controllers: `f` gets a copy and returns the new object (or null for no change). */
  mutate(plural: string, name: string, f: (o: Obj) => Obj | null, ns?: string): Obj | undefined {
    const cur = this.get(plural, name, ns);
    if (!cur) return undefined;
    const next = f(cur);
    if (!next) return cur;
    next.metadata.resourceVersion = cur.metadata.resourceVersion!;
    return this.update(plural, next);
  }

  delete(plural: string, name: string, ns?: string): Obj {
    const k = this.key(plural, name, ns);
    const cur = this.objects.get(k);
    if (!cur) throw new ApiError(404, 'NotFound', `${plural} "${name}" not found`);
    this.objects.delete(k);
    this.byPlural.get(plural)?.delete(k);
    this.rv++;
    const o = structuredClone(cur);
    o.metadata.resourceVersion = String(this.rv);
    this.record({ type: 'DELETED', rv: this.rv, plural, object: o });
    return o;
  }

  private commit(plural: string, k: string, o: Obj, type: WatchEvent['type']): Obj {
    this.rv++;
    o.metadata.resourceVersion = String(this.rv);
    this.objects.set(k, o);
    let kind = this.byPlural.get(plural);
    if (!kind) this.byPlural.set(plural, (kind = new Map()));
    kind.set(k, o);
    this.record({ type, rv: this.rv, plural, object: structuredClone(o) });
    return structuredClone(o);
  }

  private record(e: WatchEvent): void {
    this.history.push(e);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    this.emit('event', e);
  }

  /**
   * Forgets history, and moves the resourceVersion on, so that every version a client holds gets
   * 410 Gone on its next watch (for tests of relisting).
   */
  compact(): void {
    this.history.length = 0;
    this.rv++;
  }
}
