/**
 * The watches' first lists, in pages (`limit`/`continue`) read as plain JSON: a 2,000-node list is
 * four requests of 500, with the event loop free between them (the view paints, events flow),
 * instead of one answer that client-node's typed deserialisation and a JSON round trip hold the
 * extension host on for a second or more. Every page is one snapshot (the continue token pins the
 * first page's resourceVersion); a continue token that has expired (410) fails the list, and the
 * watcher lists again from the start. Same deadline, abort and error words as Cluster's calls.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Cluster, Kind, Obj } from './cluster';
import { ClusterError } from './errors';
import { MCO_GROUP, MCO_VERSION } from '../../../common/mco';

export const PAGE_SIZE = 500;

export function pathOf(kind: Kind): string {
  return kind === 'nodes' ? '/api/v1/nodes' : `/apis/${MCO_GROUP}/${MCO_VERSION}/${kind}`;
}

interface Page {
  items?: Obj[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export async function pagedList(cluster: Cluster, kind: Kind, pageSize = PAGE_SIZE): Promise<{ items: Obj[]; resourceVersion: string }> {
  const items: Obj[] = [];
  let resourceVersion = '';
  let token = '';
  do {
    const url = new URL(cluster.server.replace(/\/$/, '') + pathOf(kind));
    url.searchParams.set('limit', String(pageSize));
    if (token) url.searchParams.set('continue', token);
    const page = await getJson(cluster, url, `list ${kind}`);
    if (!Array.isArray(page.items)) throw new ClusterError(`The API server's list of ${kind} has no items.`, 'other');
    for (const o of page.items) items.push(o);
    if (!token) resourceVersion = page.metadata?.resourceVersion ?? '';
    token = page.metadata?.continue ?? '';
    // Let the view and the other watches have the event loop between pages.
    if (token) await new Promise((r) => setImmediate(r));
  } while (token);
  return { items, resourceVersion };
}

async function getJson(cluster: Cluster, url: URL, action: string): Promise<Page> {
  const opts: https.RequestOptions = { headers: {} };
  await cluster.kc.applyToHTTPSOptions(opts);
  (opts.headers as Record<string, string>)['Accept'] = 'application/json';
  const r = cluster.request(cluster.timeoutMs);
  try {
    return await new Promise<Page>((resolve, reject) => {
      const req = (url.protocol === 'http:' ? http : https).request(url, { ...opts, method: 'GET', signal: r.signal });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('the list was cut'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(Object.assign(new Error(`answered ${res.statusCode}`), { code: res.statusCode, body }));
          try {
            resolve(JSON.parse(body) as Page);
          } catch {
            reject(Object.assign(new Error('the list did not parse (cut short?)'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
          }
        });
      });
      req.end();
    });
  } catch (e) {
    throw cluster.failure(action, e, r);
  } finally {
    r.done();
  }
}
