// Checks that package-lock.json can install with `npm ci` on Linux (x64, arm64) and macOS (x64, arm64), not only
// on the machine that wrote it: every optional dependency a package declares has its own lockfile entry (npm ci
// refuses a lockfile missing one), and every native package ships a build for each of those platforms.
import { readFileSync } from "node:fs";

const TARGETS = [
  ["linux", "x64"],
  ["linux", "arm64"],
  ["darwin", "x64"],
  ["darwin", "arm64"],
];

const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));
const packages = lock.packages ?? {};

// Node's resolution in the lockfile's flat layout: the nearest node_modules/<name> walking up from `from`.
function resolve(from, name) {
  let base = from;
  for (;;) {
    const entry = packages[`${base ? `${base}/` : ""}node_modules/${name}`];
    if (entry) return entry;
    if (!base) return null;
    const i = base.lastIndexOf("/node_modules/");
    base = i < 0 ? "" : base.slice(0, i);
  }
}

const fits = (entry, os, cpu) =>
  (!entry.os || entry.os.includes(os)) && (!entry.cpu || entry.cpu.includes(cpu));
const problems = [];
for (const [path, entry] of Object.entries(packages)) {
  const optional = Object.keys(entry.optionalDependencies ?? {});
  const native = [];
  for (const name of optional) {
    const dep = resolve(path, name);
    if (!dep) problems.push(`${path || "(root)"}: optional dependency ${name} has no lockfile entry`);
    else if (dep.os || dep.cpu) native.push(dep);
  }
  // A platform-specific package's own optional deps are for its platform only; skip those.
  if (native.length === 0 || entry.os || entry.cpu) continue;
  for (const os of new Set(native.flatMap((d) => d.os ?? []))) {
    for (const [tos, cpu] of TARGETS) {
      if (tos === os && !native.some((d) => fits(d, os, cpu)))
        problems.push(`${path}: no ${os}-${cpu} build among its optional dependencies`);
    }
  }
}

if (problems.length > 0) {
  console.error(`package-lock.json would fail npm ci on some platforms:\n  ${problems.join("\n  ")}`);
  console.error("Regenerate it with every platform's optional packages (see README, 'The lockfile').");
  process.exit(1);
}
console.log(`› lockfile: every optional package listed for ${TARGETS.map((t) => t.join("-")).join(", ")}`);
