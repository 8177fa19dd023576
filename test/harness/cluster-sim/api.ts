/**
 * The Kubernetes HTTP API over the store: discovery, list/get/create/update/patch/delete, watch,
 * dryRun, bearer-token auth, and errors as Status objects. Enough for kubectl and
 * @kubernetes/client-node.
 */
import { table, wantsTable } from './table';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceDef, VERBS, apiVersionOf, findResource } from './resources';
import { ApiError, Obj, Store, WatchEvent } from './store';
import { validate } from './validation';
import type { Logs } from './logs';
import { OcpVersion, kubeMinor } from './version';

export interface Tokens {
  admin: string;
  readonly: string;
}

function status(code: number, reason: string, message: string): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function fail(res: ServerResponse, e: unknown): void {
  if (e instanceof ApiError) send(res, e.code, status(e.code, e.reason, e.message));
  else send(res, 500, status(500, 'InternalError', e instanceof Error ? e.message : String(e)));
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 3 * 1024 * 1024) throw new ApiError(413, 'RequestEntityTooLarge', 'request body is larger than 3 MiB');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(400, 'BadRequest', 'the request body is not valid JSON');
  }
}

/** `a=b,c!=d,e,!f` label selectors (equality and existence; `in (...)` too). */
export function matchesLabels(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const t = raw.trim();
    let m;
    if ((m = /^([^!=\s]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      const vals = m[3]!.split(',').map((v) => v.trim());
      return m[2] === 'in' ? vals.includes(l[m[1]!] ?? '\u0000') : !vals.includes(l[m[1]!] ?? '\u0000');
    }
    if ((m = /^([^!=]+)!=(.*)$/.exec(t))) return l[m[1]!] !== m[2];
    if ((m = /^([^=]+)==?(.*)$/.exec(t))) return l[m[1]!] === m[2];
    if (t.startsWith('!')) return !(t.slice(1) in l);
    return t in l;
  });
}

/** The field labels the API server supports: metadata.name/namespace for all, plus Events' and Pods' own. */
const FIELD_LABELS =
  /^(metadata\.(name|namespace)|involvedObject\.(kind|name|namespace|uid|apiVersion|fieldPath)|reason|type|source|spec\.nodeName|status\.phase)$/;

function matchesFields(o: Obj, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((t) => {
    const m = /^([A-Za-z.]+)(!=|==|=)(.*)$/.exec(t.trim());
    if (!m || !FIELD_LABELS.test(m[1]!)) throw new ApiError(400, 'BadRequest', `field label not supported: ${t}`);
    let v: unknown = o;
    for (const k of m[1]!.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
    if (m[1] === 'source') v = (o['source'] as { component?: string } | undefined)?.component;
    v = typeof v === 'string' ? v : '';
    return m[2] === '!=' ? v !== m[3] : v === m[3];
  });
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new ApiError(400, 'BadRequest', 'a JSON patch is an array of operations');
  let d = structuredClone(doc);
  for (const op of ops as { op: string; path: string; value?: unknown; from?: string }[]) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const parentOf = (root: unknown) => {
      let cur = root as Record<string, unknown>;
      for (const p of parts.slice(0, -1)) {
        if (cur[p] === undefined) throw new ApiError(422, 'Invalid', `JSON patch path ${op.path} does not exist`);
        cur = cur[p] as Record<string, unknown>;
      }
      return cur;
    };
    const last = parts[parts.length - 1]!;
    if (op.op === 'test') {
      if (JSON.stringify(parentOf(d)[last]) !== JSON.stringify(op.value))
        throw new ApiError(422, 'Invalid', `JSON patch test failed at ${op.path}`);
    } else if (op.op === 'remove') {
      const p = parentOf(d);
      if (Array.isArray(p)) p.splice(Number(last), 1);
      else delete p[last];
    } else if (op.op === 'add' || op.op === 'replace') {
      if (parts.length === 0) {
        d = op.value;
        continue;
      }
      const p = parentOf(d);
      if (Array.isArray(p) && op.op === 'add') p.splice(last === '-' ? p.length : Number(last), 0, op.value);
      else p[last] = op.value;
    } else {
      throw new ApiError(400, 'BadRequest', `JSON patch operation ${op.op} is not supported`);
    }
  }
  return d;
}

interface Route {
  r: ResourceDef;
  ns?: string;
  name?: string;
  sub?: string;
}

export interface ApiOptions {
  resources: ResourceDef[];
  version: OcpVersion;
  logs: Logs;
}

/**
 * Objects of a kind served in two versions share one store (a CRD with conversion strategy None):
 * a read or write at the other version only changes `apiVersion`, as the API server does.
 */
function asVersion(r: ResourceDef, o: Obj): Obj {
  const v = apiVersionOf(r);
  return o.apiVersion === v ? o : { ...o, apiVersion: v };
}

function route(resources: ResourceDef[], parts: string[]): Route | 'discovery' | null {
  // /api/v1/... or /apis/<group>/<version>/...
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return null;
  if (rest.length === 0) return 'discovery';
  let ns: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(resources, group, version, rest[2]!)?.namespaced) {
    ns = rest[1];
    rest = rest.slice(2);
  }
  const r = findResource(resources, group, version, rest[0]!);
  if (!r) throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${parts.join('/')})`);
  const out: Route = { r };
  if (ns !== undefined) out.ns = ns;
  if (rest[1]) out.name = rest[1];
  if (rest[2]) out.sub = rest[2];
  if (out.sub && out.sub !== 'status' && !r.subresources?.includes(out.sub))
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${parts.join('/')})`);
  return out;
}

export function createHandler(store: Store, tokens: Tokens, address: () => string, opts: ApiOptions) {
  const { resources, logs } = opts;
  const gitVersion = `v1.${kubeMinor(opts.version)}.0-rhcos-layering-sim`;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      const parts = url.pathname.split('/').filter(Boolean);
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (token !== tokens.admin && token !== tokens.readonly) {
        send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      const method = req.method ?? 'GET';
      if (url.pathname === '/version')
        return send(res, 200, { major: '1', minor: String(kubeMinor(opts.version)), gitVersion, platform: 'linux/amd64' });
      if (url.pathname === '/api')
        return send(res, 200, {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address() }],
        });
      if (url.pathname === '/apis') return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(resources) });
      if (parts[0] === 'apis' && parts.length === 2) {
        const g = groups(resources).find((x) => x.name === parts[1]);
        return g
          ? send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g })
          : send(res, 404, status(404, 'NotFound', `group ${parts[1]} not found`));
      }
      if (url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && method === 'POST')
        return send(res, 201, accessReview((await body(req)) as Obj, token === tokens.admin));
      const rt = route(resources, parts);
      if (rt === null) return send(res, 404, status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`));
      if (rt === 'discovery')
        return send(res, 200, resourceList(resources, parts[0] === 'api' ? '' : parts[1]!, parts[0] === 'api' ? parts[1]! : parts[2]!));
      if (method !== 'GET' && token === tokens.readonly) {
        const verb = method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : method === 'PATCH' ? 'patch' : 'update';
        return send(
          res,
          403,
          status(
            403,
            'Forbidden',
            `${rt.r.plural}${rt.r.group ? '.' + rt.r.group : ''} is forbidden: User "readonly" cannot ${verb} resource "${rt.r.plural}" in API group "${rt.r.group}"${rt.r.namespaced ? ` in the namespace "${rt.ns ?? ''}"` : ' at the cluster scope'}`,
          ),
        );
      }
      const dryRun = url.searchParams.get('dryRun') === 'All';
      const { r, ns, name } = rt;
      if (method === 'GET' && !name) {
        const watch = url.searchParams.get('watch');
        if (watch === 'true' || watch === '1') return watchList(store, r, ns, url, res, req);
        return list(store, r, ns, url, res, req.headers.accept);
      }
      if (method === 'GET') {
        const found = store.get(r.plural, name!, ns);
        if (!found) throw new ApiError(404, 'NotFound', `${r.plural}${r.group ? '.' + r.group : ''} "${name}" not found`);
        if (rt.sub === 'log') return logs.serve(found, url, req, res);
        const o = asVersion(r, found);
        return send(res, 200, wantsTable(req.headers.accept) ? table(r, [o], o.metadata.resourceVersion!) : o);
      }
      if (rt.sub === 'log') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      if (method === 'POST' && !name) {
        const o = (await body(req)) as Obj;
        prepare(o, r, ns);
        validate(r, o);
        if (dryRun) {
          if (store.get(r.plural, o.metadata.name, ns))
            throw new ApiError(409, 'AlreadyExists', `${r.plural} "${o.metadata.name}" already exists`);
          return send(res, 201, o);
        }
        return send(res, 201, store.create(r.plural, o));
      }
      if (method === 'PUT' && name) {
        const o = (await body(req)) as Obj;
        prepare(o, r, ns);
        if (o.metadata.name !== name)
          throw new ApiError(400, 'BadRequest', `the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
        const cur = store.get(r.plural, name, ns);
        if (rt.sub === 'status') {
          if (!cur) throw new ApiError(404, 'NotFound', `${r.plural} "${name}" not found`);
          o['spec'] = cur['spec'];
        }
        validate(r, o, cur);
        if (dryRun) return send(res, 200, o);
        return send(res, 200, asVersion(r, store.update(r.plural, o)));
      }
      if (method === 'PATCH' && name) {
        const cur = store.get(r.plural, name, ns);
        if (!cur) throw new ApiError(404, 'NotFound', `${r.plural}${r.group ? '.' + r.group : ''} "${name}" not found`);
        const type = (req.headers['content-type'] ?? '').split(';')[0];
        const patch = await body(req);
        let next: Obj;
        if (type === 'application/json-patch+json') next = jsonPatch(cur, patch) as Obj;
        else if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json')
          next = mergePatch(cur, patch) as Obj;
        else
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
          );
        prepare(next, r, ns);
        validate(r, next, cur);
        if (!(patch as { metadata?: { resourceVersion?: string } })?.metadata?.resourceVersion)
          next.metadata.resourceVersion = cur.metadata.resourceVersion!;
        if (dryRun) return send(res, 200, next);
        return send(res, 200, asVersion(r, store.update(r.plural, next)));
      }
      if (method === 'DELETE' && name) {
        const opts = (await body(req)) as { preconditions?: { uid?: string; resourceVersion?: string } } | null;
        const cur = store.get(r.plural, name, ns);
        if (!cur) throw new ApiError(404, 'NotFound', `${r.plural} "${name}" not found`);
        checkPreconditions(r, cur, opts?.preconditions);
        if (dryRun) return send(res, 200, asVersion(r, cur));
        if (r.plural === 'pods') logs.drop(ns ?? 'default', name);
        return send(res, 200, asVersion(r, store.delete(r.plural, name, ns)));
      }
      throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    } catch (e) {
      fail(res, e);
    }
  };
}

/**
 * DeleteOptions.preconditions as the API server checks them: a UID or resourceVersion that differs
 * from the stored object's is 409 Conflict, and nothing is deleted.
 */
function checkPreconditions(r: ResourceDef, cur: Obj, p: { uid?: string; resourceVersion?: string } | undefined): void {
  const conflict = (what: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${r.plural}${r.group ? '.' + r.group : ''} "${cur.metadata.name}": ${what}`,
    );
  if (p?.uid && p.uid !== cur.metadata.uid)
    throw conflict(`Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${cur.metadata.uid ?? ''}`);
  if (p?.resourceVersion && p.resourceVersion !== cur.metadata.resourceVersion)
    throw conflict(
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ` +
        `${cur.metadata.resourceVersion ?? ''}`,
    );
}

function prepare(o: Obj, r: ResourceDef, ns: string | undefined): void {
  if (!o || typeof o !== 'object' || !o.metadata || typeof o.metadata !== 'object')
    throw new ApiError(400, 'BadRequest', 'the object has no metadata');
  if (o.kind && o.kind !== r.kind) throw new ApiError(400, 'BadRequest', `the kind ${o.kind} does not match the resource ${r.plural}`);
  o.kind = r.kind;
  o.apiVersion = apiVersionOf(r);
  if (r.namespaced) o.metadata.namespace = ns ?? o.metadata.namespace ?? 'default';
}

function groups(resources: ResourceDef[]) {
  const names = [...new Set(resources.map((r) => r.group).filter(Boolean))];
  return names.map((name) => {
    const versions = [...new Set(resources.filter((r) => r.group === name).map((r) => r.version))].map((v) => ({
      groupVersion: `${name}/${v}`,
      version: v,
    }));
    return { name, versions, preferredVersion: versions[0]! };
  });
}

function resourceList(resources: ResourceDef[], group: string, version: string) {
  const rs = resources.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) throw new ApiError(404, 'NotFound', `the server could not find the requested resource`);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: rs.flatMap((r) => [
      {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: VERBS,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      },
      ...(r.group || r.subresources?.includes('status')
        ? [{ name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] }]
        : []),
      ...(r.subresources?.includes('log')
        ? [{ name: `${r.plural}/log`, singularName: '', namespaced: r.namespaced, kind: 'Pod', verbs: ['get'] }]
        : []),
    ]),
  };
}

function list(store: Store, r: ResourceDef, ns: string | undefined, url: URL, res: ServerResponse, accept: string | undefined): void {
  const items = store
    .list(r.plural, ns)
    .map((o) => asVersion(r, o))
    .filter(
      (o) =>
        matchesLabels(o.metadata.labels, url.searchParams.get('labelSelector')) && matchesFields(o, url.searchParams.get('fieldSelector')),
    );
  const limit = Number(url.searchParams.get('limit') ?? 0);
  const start = Number(url.searchParams.get('continue') ?? 0) || 0;
  const page = limit > 0 ? items.slice(start, start + limit) : items.slice(start);
  const more = limit > 0 && start + limit < items.length;
  if (wantsTable(accept)) {
    const t = table(r, page, String(store.resourceVersion)) as { metadata: Record<string, unknown> };
    if (more) t.metadata['continue'] = String(start + limit);
    return send(res, 200, t);
  }
  send(res, 200, {
    kind: `${r.kind}List`,
    apiVersion: apiVersionOf(r),
    metadata: {
      resourceVersion: String(store.resourceVersion),
      ...(more ? { continue: String(start + limit), remainingItemCount: items.length - start - limit } : {}),
    },
    items: page,
  });
}

function watchList(store: Store, r: ResourceDef, ns: string | undefined, url: URL, res: ServerResponse, req: IncomingMessage): void {
  const labels = url.searchParams.get('labelSelector');
  const fields = url.searchParams.get('fieldSelector');
  const rvParam = url.searchParams.get('resourceVersion');
  const bookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
  const timeout = Math.min(Number(url.searchParams.get('timeoutSeconds') ?? 1800) || 1800, 3600);
  const wanted = (e: WatchEvent) =>
    e.plural === r.plural && (ns === undefined || e.object.metadata.namespace === ns) && matchesFields(e.object, fields);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders(); // clients see the watch open before the first event
  // kubectl get -w asks for Tables: each event then carries a one-row Table.
  const asTable = wantsTable(req.headers.accept);
  const write = (type: string, object: unknown) => {
    const o = type === 'ERROR' || type === 'BOOKMARK' ? (object as Obj) : asVersion(r, object as Obj);
    object = o;
    const out =
      asTable && (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') ? table(r, [o], o.metadata.resourceVersion ?? '') : object;
    res.write(JSON.stringify({ type, object: out }) + '\n');
  };
  // Label changes move objects in and out of a selection: report them as ADDED / DELETED.
  const inSelection = new Set<string>();
  const keyOf = (o: Obj) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const deliver = (e: WatchEvent) => {
    if (!wanted(e)) return;
    const k = keyOf(e.object);
    const match = matchesLabels(e.object.metadata.labels, labels);
    if (e.type === 'DELETED') {
      if (inSelection.delete(k) || match) write('DELETED', e.object);
    } else if (match) {
      write(inSelection.has(k) || (e.type === 'MODIFIED' && !labels) ? e.type : 'ADDED', e.object);
      inSelection.add(k);
    } else if (inSelection.delete(k)) {
      write('DELETED', e.object);
    }
  };
  if (!rvParam || rvParam === '0') {
    for (const o of store.list(r.plural, ns)) {
      if (matchesLabels(o.metadata.labels, labels) && matchesFields(o, fields)) {
        write('ADDED', o);
        inSelection.add(keyOf(o));
      }
    }
  } else {
    const rv = Number(rvParam);
    if (!Number.isFinite(rv) || rv < store.oldestWatchable) {
      write('ERROR', status(410, 'Expired', `too old resource version: ${rvParam} (${store.oldestWatchable})`));
      res.end();
      return;
    }
    for (const o of store.list(r.plural, ns)) if (matchesLabels(o.metadata.labels, labels)) inSelection.add(keyOf(o));
    for (const e of store.history) if (e.rv > rv) deliver(e);
  }
  const onEvent = (e: WatchEvent) => deliver(e);
  store.on('event', onEvent);
  const bookmarkTimer = bookmarks
    ? setInterval(
        () =>
          write('BOOKMARK', { kind: r.kind, apiVersion: apiVersionOf(r), metadata: { resourceVersion: String(store.resourceVersion) } }),
        1000,
      )
    : null;
  const end = () => {
    store.off('event', onEvent);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(end, timeout * 1000);
  req.on('close', end);
}

/**
 * SelfSubjectAccessReview, answered from the simulator's RBAC: the admin may do anything, the
 * read-only user may get, list and watch (what the 403s above enforce).
 */
function accessReview(review: Obj, admin: boolean): Obj {
  const attrs = (review['spec'] as { resourceAttributes?: { verb?: string } } | undefined)?.resourceAttributes ?? {};
  const allowed = admin || ['get', 'list', 'watch'].includes(attrs.verb ?? '');
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null } as unknown as Obj['metadata'],
    spec: review['spec'],
    status: { allowed, ...(allowed ? { reason: admin ? 'the admin user may do anything' : 'read-only user' } : {}) },
  };
}
