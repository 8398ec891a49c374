/// <reference types="vitest/config" />
// Imports `defineConfig` from "vite" (not "vitest/config") so that building the
// client (`npm start`, `npm run build`) never loads vitest.
import { defineConfig } from "vite";
import { phaserBuild } from "./scripts/phaser-build.ts";
import { precompress } from "./scripts/precompress.ts";

const NOT_TESTS = ["**/node_modules/**", "**/dist/**"];

export default defineConfig({
  root: ".",
  // .gz and .br beside each built file, served by server/http/static-files.ts
  // phaserBuild: Phaser from its sources without physics (scripts/phaser-build.ts)
  plugins: [phaserBuild(), precompress()],
  // The Colyseus server serves dist/ at "/" in production; in dev the client
  // connects to http://localhost:2567 directly, so no proxy is configured.
  server: {
    port: 5173,
    watch: { ignored: ["**/e2e/artifacts/**", "**/bench/results/**", "**/dist/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2023",
    sourcemap: false, // production builds publish no source maps (dist/ is served as is)
    // Phaser alone is ~1.2 MB minified.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Vite 8 bundles with Rolldown: `codeSplitting.groups` replaces Rollup's manualChunks.
        codeSplitting: {
          groups: [{ name: "phaser", test: /[\\/]node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: [
            "shared/**/*.test.ts",
            "server/**/*.test.ts",
            "client/**/*.test.ts",
            "bots/**/*.test.ts",
            "devkit/**/*.test.ts",
            "bench/**/*.test.ts",
            "lab/**/*.test.ts",
            "scripts/**/*.test.ts",
            "attack/**/*.test.ts",
          ],
          exclude: [...NOT_TESTS, "**/*.room.test.ts", "**/*.e2e.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "room",
          environment: "node",
          include: ["server/**/*.room.test.ts", "client/**/*.room.test.ts"],
          exclude: NOT_TESTS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.e2e.test.ts"],
          exclude: [...NOT_TESTS, "e2e/artifacts/**"],
          // One server + browser at a time: files run sequentially.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
