/**
 * One image-reference grammar (distribution/reference, as podman and MCO parse it) for the rules,
 * the build commands and Apply.
 */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const DOMAIN = `${LABEL}(?:\\.${LABEL})*(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';

/** `[domain/]path[:tag][@sha256:<64 hex>]`. */
export const IMAGE_REF = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
/** A reference that names a registry or namespace (at least one `/`) and pins a digest. */
const DIGEST_REF = new RegExp(`^(?:${DOMAIN}|${COMPONENT})(?:/${COMPONENT})+@${DIGEST}$`);
/** Ends in `@sha256:<64 lowercase hex>`. */
export const DIGEST_SUFFIX = new RegExp(`@${DIGEST}$`);

export function isImageRef(ref: string): boolean {
  return IMAGE_REF.test(ref);
}

export function isDigestPinned(ref: string): boolean {
  return DIGEST_SUFFIX.test(ref);
}

/** The repository part of an image reference: `quay.io/a/b:tag@sha256:..` -> `quay.io/a/b`. */
export function repository(image: string): string {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** null when `ref` is `<registry>/<repository>@sha256:<64 hex>`; otherwise what to enter instead. */
export function checkDigestRef(ref: string): string | null {
  const r = ref.trim();
  if (!r) return 'Enter the pushed image by digest: <registry>/<repository>@sha256:<64 hex digits>.';
  if (/:[^/@]+$/.test(r) && !r.includes('@')) {
    return 'A tag can move; MCO needs the image by digest: <registry>/<repository>@sha256:<64 hex digits>. Push Layered Image shows it.';
  }
  if (!DIGEST_SUFFIX.test(r)) return 'The digest must be sha256: followed by 64 lowercase hex digits.';
  if (!DIGEST_REF.test(r)) return 'That is not <registry>/<repository>@sha256:<digest>; name the registry the nodes pull from.';
  return null;
}
