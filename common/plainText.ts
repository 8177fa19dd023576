/**
 * Text that did not come from us (API messages, admission denials, build output, image names) made
 * safe for a notification or modal: VS Code turns `[label](command:…)`, `(https://…)` and `(file:…)`
 * into clickable links there, so the `](` that starts a link target is broken and control and
 * bidirectional characters are dropped. Everything else reads as before.
 */
export function plain(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the point is to remove control characters
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\]\s*\(/g, '] (')
  );
}
