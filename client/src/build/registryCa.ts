/**
 * The extra CA (rhcosLayering.certificateAuthority) for the registry a build pulls from and a push
 * writes to. podman and buildah take `--cert-dir <dir>`: containers/image reads every `*.crt` in it
 * and adds them to the system roots (tlsclientconfig.SetupCertificates), so TLS stays verified.
 * docker has no such flag (it reads /etc/docker/certs.d), so nothing is passed to docker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Tool } from './tool';

export interface CertDir {
  /** The folder for --cert-dir, when one is used. */
  dir?: string;
  cleanup(): void;
}

/** A private folder holding the CA as `rhcos-layering-ca.crt`, or a message naming the setting when the file cannot be used. */
export function registryCertDir(tool: Tool, caFile: string | undefined): CertDir | { error: string } {
  if (!caFile || tool === 'docker') return { cleanup: () => undefined };
  let text: string;
  try {
    text = fs.readFileSync(caFile, 'utf8');
  } catch {
    return {
      error: `The certificate authority file in rhcosLayering.certificateAuthority cannot be read. Fix the path, or clear the setting.`,
    };
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text))
    return {
      error:
        'The file in rhcosLayering.certificateAuthority holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Give the CA certificate in PEM form.',
    };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-cert-dir-'));
  fs.writeFileSync(path.join(dir, 'rhcos-layering-ca.crt'), text, { mode: 0o600 });
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
