/** Polls a condition that depends on background work (pollers, handlers) until it holds, failing after `timeoutMs`. */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves once `condition` is true; rejects with `description` if it never becomes true within `timeoutMs`. */
export async function waitUntil(
  description: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 8_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${description}`);
    await delay(20);
  }
}
