import { runChaos } from '/work/main/bench/chaos/chaos-run';
runChaos({ events: 10_000, settleTimeoutMs: 2_400_000, progress: (l) => console.error(new Date().toISOString(), l) }).then(
  (r) => console.log(JSON.stringify(r, null, 2)),
  (e) => console.error('FAILED', e),
);
