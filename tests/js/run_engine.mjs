// Runs the explorer's engine on every configuration of a JSON file and writes the results:
//   node tests/js/run_engine.mjs configs.json results.json [views]
// With "views", each result also holds the page's views of the configuration: the Python
// program, the CSV, the URL query, and the configuration parsed back from that query.
import { readFileSync, writeFileSync } from "node:fs";
import { run } from "../../docs/assets/explorer/engine.js";
import { program, csv, toQuery, fromQuery } from "../../docs/assets/explorer/spec.js";

const [input, output, views] = process.argv.slice(2);
const configs = JSON.parse(readFileSync(input, "utf8"));
const results = configs.map((config) => {
  try {
    const result = run(config);
    if (views === "views") {
      result.program = program(config);
      result.csv = csv(config, result);
      result.query = toQuery(config);
      result.parsed = fromQuery(result.query);
    }
    return result;
  } catch (e) {
    return { crash: String(e && e.stack ? e.stack : e) };
  }
});
writeFileSync(output, JSON.stringify(results, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)));
