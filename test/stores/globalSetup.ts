/**
 * Jest global set-up: make sure redis-server and PostgreSQL are installed before any test file
 * starts its own servers (installing once here, not in parallel workers racing for apt's lock).
 * A no-op when both are present. The servers themselves are started per test file, by PID.
 * Without root the install cannot run: the other tests still run, and the shared-state ones
 * fail with a line saying what to install.
 */
import { ensureInstalled } from "../../scripts/services";

export default function globalSetup(): void {
  try {
    ensureInstalled();
  } catch (err) {
    process.stderr.write(`shared-state test servers unavailable: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
