/** Types of package-version.mjs, which src/charts/cache.ts imports. */
export declare function installedVersion(name: string, from: string | URL): string | undefined
