/** The extension's version, from package.json: esbuild defines it at build time; code run from source says `dev`. */
declare const PACKAGE_VERSION: string | undefined;
export const VERSION: string = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';
