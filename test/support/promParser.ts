import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Parses Prometheus text exposition with the Prometheus project's own Python client
 * (`prometheus_client.parser`, Debian package python3-prometheus-client, which .ci/run installs):
 * a reference parser rather than one of our own. Debian's python3 is used by path so a
 * differently configured `python3` on PATH cannot hide the package.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface PromFamily {
  name: string;
  type: string;
  samples: PromSample[];
}

const PYTHON = '/usr/bin/python3';
const SCRIPT = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({"name": f.name, "type": f.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]})
print(json.dumps(out))
`;

export function parsePrometheusText(text: string): PromFamily[] {
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: apt-get install python3-prometheus-client (.ci/run does)`);
  const run = spawnSync(PYTHON, ['-c', SCRIPT], { input: text, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0)
    throw new Error(
      `the Prometheus parser refused the exposition (apt-get install python3-prometheus-client if it is missing):\n${run.stderr}`,
    );
  return JSON.parse(run.stdout) as PromFamily[];
}
