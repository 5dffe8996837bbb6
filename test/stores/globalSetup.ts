/**
 * Jest global set-up: make sure redis-server and PostgreSQL are installed before any test file
 * starts its own servers (installing once here, not in parallel workers racing for apt's lock).
 * A no-op when both are present. The servers themselves are started per test file, by PID.
 */
import { ensureInstalled } from "../../scripts/services";

export default function globalSetup(): void {
  ensureInstalled();
}
