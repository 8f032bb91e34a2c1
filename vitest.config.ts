import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['frontend/**/*.test.{ts,tsx}'],
    // Browser code by default; a test file can opt into Node with `// @vitest-environment node`.
    environment: 'jsdom',
    restoreMocks: true,
    unstubGlobals: true,
  },
});
