// Fails when the project's own modules import each other in a circle. Every import counts, type-only ones too
// (a type-only cycle still ties two modules' designs together), resolved with tsconfig's paths. Part of `npm run lint`.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
// The project's own sources as tsconfig includes them (no git needed: CI checks a plain copy of the checkout).
const files = config.fileNames
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts") && !f.split(path.sep).includes("node_modules"))
  .map((f) => path.resolve(f));
const known = new Set(files);

// file → the project files it imports (static, type-only, re-exports and dynamic import()).
const graph = new Map();
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // deleted but still tracked
  }
  const deps = new Set();
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const resolved = ts.resolveModuleName(ref.fileName, file, config.options, ts.sys).resolvedModule;
    const target = resolved && path.resolve(resolved.resolvedFileName);
    if (target && known.has(target) && target !== file) deps.add(target);
  }
  graph.set(file, deps);
}

// Tarjan's strongly connected components: any component of more than one module is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(v) {
  const s = { index, low: index, onStack: true };
  index += 1;
  state.set(v, s);
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    const t = state.get(w);
    if (!t) {
      visit(w);
      s.low = Math.min(s.low, state.get(w).low);
    } else if (t.onStack) s.low = Math.min(s.low, t.index);
  }
  if (s.low === s.index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(path.relative(root, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (cycles.length > 0) {
  console.error(`Circular imports (${cycles.length}):`);
  for (const c of cycles) console.error(`  ${c.join(" ↔ ")}`);
  process.exit(1);
}
console.log(`› no circular imports among ${graph.size} modules`);
