/** Types of the part of stryker.config.mjs that test/mutation-slices.test.ts reads. */
declare const config: { readonly mutate: readonly string[] };
export default config;
