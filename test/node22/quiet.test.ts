import { describe, expect, it } from 'vitest';

describe('test output', () => {
  it("test workers load the CLI's quieting of the SDK's Node-version notice (vitest setupFiles)", () => {
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
  });
});
