import { defineConfig } from "vitest/config";

// Tests open real PDFs and SQLite files; under turbo's parallel runs on two cores they take seconds.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000 } });
