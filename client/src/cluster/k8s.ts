/** @kubernetes/client-node, loaded on the first cluster command or view, never at activation. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typescript-eslint reads the import attributes of this ESM-only type import as an error type; tsc checks it (npm run typecheck)
export type K8s = typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' } });
export type KubeConfig = InstanceType<K8s['KubeConfig']>;
export type CoreV1Api = InstanceType<K8s['CoreV1Api']>;
export type CustomObjectsApi = InstanceType<K8s['CustomObjectsApi']>;
export type AuthorizationV1Api = InstanceType<K8s['AuthorizationV1Api']>;

let loading: Promise<K8s> | undefined;

export function k8s(): Promise<K8s> {
  loading ??= import('@kubernetes/client-node');
  return loading;
}
