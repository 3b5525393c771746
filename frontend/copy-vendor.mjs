// Copies the browser files of the npm dependencies into core/static/vendor/ (committed, so that
// `make run` needs no npm). Run after changing a version in package.json: `npm ci && npm run vendor`.
import { cpSync, mkdirSync } from "node:fs";

const target = new URL("../core/static/vendor/leaflet/", import.meta.url);
mkdirSync(target, { recursive: true });
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css", "images", "../LICENSE"]) {
  cpSync(new URL(`./node_modules/leaflet/dist/${file}`, import.meta.url), new URL(file.replace("../", ""), target), { recursive: true });
}
console.log("leaflet copied to core/static/vendor/leaflet/");
