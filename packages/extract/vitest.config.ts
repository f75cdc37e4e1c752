import { defineConfig } from "vitest/config";

// Whole PDFs are read with the real pdf.js: tests take seconds, not milliseconds.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000 } });
