/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }] },
  // The embedding model and real HTTP servers make some suites take seconds; never minutes.
  testTimeout: 60000,
  watchman: false,
  // A test that times out can leave a handle behind (a child process, a socket); CI must then fail
  // in minutes, not hang until its 90-minute limit. Jest still names the failed test; leaks are
  // found with `npx jest --detectOpenHandles`.
  forceExit: true,
  // Installs redis-server / PostgreSQL when missing (the shared-state tests run real servers).
  globalSetup: "<rootDir>/test/stores/globalSetup.ts",
};
