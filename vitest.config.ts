import { defineConfig } from 'vitest/config';

// Two groups, one after the other: the video calls (Chromium encoding and decoding fake camera video) take both cores,
// so they run alone, after everything else, instead of starving the tests beside them of CPU.
const base = {
  globalSetup: ['test/global-setup.ts'],
  pool: 'forks' as const,
  maxWorkers: 2,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { NODE_ENV: 'test' },
};
const video = ['e2e/video.test.ts', 'e2e/video-more.test.ts'];

export default defineConfig({
  test: {
    ...base,
    projects: [
      { extends: true, test: { name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'], exclude: video, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'video', include: video, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
