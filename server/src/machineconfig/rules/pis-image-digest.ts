import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';

/** The two CEL rules of PinnedImageRef.name (ImageDigestFormat) and their messages, as the API checks them. */
const DIGEST_MESSAGE = "the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long";
const NAME_MESSAGE = 'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme';
const NAME_RE = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?\/([a-zA-Z0-9-_]{0,61}\/)?[a-zA-Z0-9-_.]*?$/;

export const pisImageDigest: MachineConfigRule = {
  meta: {
    id: 'pis-image-digest',
    kind: 'yaml',
    severity: 'error',
    title: 'PinnedImageSet image not referenced by digest',
    why:
      'CRI-O pins and the MachineConfigDaemon pre-pulls exactly the images a PinnedImageSet lists, and the API accepts only `host[:port][/namespace]/name@sha256:<64 hex>`: ' +
      'a tag (which can move) is refused, and so is a host without a dot or more than one namespace segment.',
    source:
      'openshift/api machineconfiguration/v1/types_pinnedimageset.go (PinnedImageRef.name, ImageDigestFormat CEL rules; v1alpha1 in release-4.16..4.18 has the same rules)',
    fixable: false,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: PinnedImageSet
metadata:
  name: worker-pinned-images
spec:
  pinnedImages:
    - name: quay.io/openshift-release-dev/ocp-release:4.19.0-x86_64`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: PinnedImageSet
metadata:
  name: worker-pinned-images
spec:
  pinnedImages:
    - name: quay.io/openshift-release-dev/ocp-release@sha256:<64 hex digits>`,
      fix: "Reference each image by its digest (`skopeo inspect --format '{{.Digest}}' docker://<image>`, or `oc adm release info -o pullspec`), without a tag, under a host with a dot and at most one namespace.",
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'PinnedImageSet')) {
      const list = get(d.value, ['spec', 'pinnedImages']);
      if (!Array.isArray(list)) continue;
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const image = get(item, ['name']);
        if (typeof image !== 'string' || image === '') return; // the schema reports a missing or empty name
        const range = rangeAt(model, d, ['spec', 'pinnedImages', i, 'name']);
        if (seen.has(image))
          ctx.report({ range, message: `Duplicate value: \`${image}\` is already listed: the API refuses a second entry for it.` });
        seen.add(image);
        const parts = image.split('@');
        if (!(parts.length === 2 && /^sha256:[a-f0-9]{64}$/.test(parts[1]!))) {
          const tagged = parts.length === 1 && /:[^/]+$/.test(image);
          ctx.report({
            range,
            message:
              `${DIGEST_MESSAGE}: ` +
              (tagged
                ? `\`${image}\` is a tag, which can move; pin the image by its digest (\`skopeo inspect --format '{{.Digest}}' docker://${image}\`).`
                : `write \`<image>@sha256:<64 lowercase hex digits>\`.`),
          });
        }
        if (!NAME_RE.test(parts[0]!)) {
          ctx.report({
            range,
            message:
              `${NAME_MESSAGE}: ` +
              (hostWithoutDot(parts[0]!)
                ? 'the host needs a dot (a registry name such as `quay.io` or `registry.example.com:5000`).'
                : parts[0]!.includes(':') && /:[^/]*$/.test(parts[0]!.replace(/^[^/]*/, ''))
                  ? 'drop the tag: with a digest the API takes no tag.'
                  : 'at most one namespace between the host and the image name.'),
          });
        }
      });
    }
  },
};

/** A reference with a host part (`x/…`) whose host has no dot. By hand: `/^[^/]*\.[^/]*\//` backtracks quadratically over dots. */
function hostWithoutDot(ref: string): boolean {
  const slash = ref.indexOf('/');
  return slash >= 0 && !ref.slice(0, slash).includes('.');
}
