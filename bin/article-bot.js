#!/usr/bin/env node
"use strict";
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
try {
  void require("../dist/cli/main.js").main(process.argv.slice(2));
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist/cli/main.js")) {
    console.error("article-bot: the compiled CLI is missing; run `npm ci` (or `npm run build`) first.");
    process.exit(1);
  }
  throw err;
}
