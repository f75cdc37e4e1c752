#!/usr/bin/env node
// What npm links as `yusuan` (npx yusuan). npm links bins at install, before any build, and only links a file
// that exists then: this one does, dist/cli.js is built later. Plain JS so that it needs no build of its own.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("yusuan: not built yet: run `npm run build` in the repository first\n");
  process.exit(1);
}
await import(cli.href);
