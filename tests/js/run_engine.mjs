// Runs the explorer's engine on every configuration of a JSON file and writes the results:
//   node tests/js/run_engine.mjs configs.json results.json
import { readFileSync, writeFileSync } from "node:fs";
import { run } from "../../docs/assets/explorer/engine.js";

const [input, output] = process.argv.slice(2);
const configs = JSON.parse(readFileSync(input, "utf8"));
const results = configs.map((config) => {
  try {
    return run(config);
  } catch (e) {
    return { crash: String(e && e.stack ? e.stack : e) };
  }
});
writeFileSync(output, JSON.stringify(results, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)));
