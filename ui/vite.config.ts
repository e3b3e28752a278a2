import { defineConfig } from "vitest/config";

// Tauri loads the built files from disk, so asset URLs must be relative, and
// its dev window expects the server on a fixed port.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "es2021", outDir: "dist", emptyOutDir: true },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
