// The fake-lookup rule context lives with the benchmarks (bench/ may not import test/); tests use it too.
export * from '../../bench/support/rule-context';
