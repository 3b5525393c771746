// Copies the browser files of the npm dependencies into core/static/vendor/ (committed, so that
// `make run` needs no npm). Run after changing a version in package.json: `npm ci && npm run vendor`.
import { cpSync, mkdirSync } from "node:fs";

const target = new URL("../core/static/vendor/leaflet/", import.meta.url);
mkdirSync(target, { recursive: true });
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css", "images", "../LICENSE"]) {
  cpSync(new URL(`./node_modules/leaflet/dist/${file}`, import.meta.url), new URL(file.replace("../", ""), target), { recursive: true });
}
console.log("leaflet copied to core/static/vendor/leaflet/");

// Atkinson Hyperlegible (SIL OFL 1.1, Braille Institute): the portal's typeface, designed for readers with low
// vision. The "latin" subset holds German's umlauts and ß.
const fonts = new URL("../core/static/vendor/atkinson-hyperlegible/", import.meta.url);
mkdirSync(fonts, { recursive: true });
const fontsource = "./node_modules/@fontsource/atkinson-hyperlegible/";
for (const style of ["400-normal", "700-normal", "400-italic"]) {
  cpSync(new URL(`${fontsource}files/atkinson-hyperlegible-latin-${style}.woff2`, import.meta.url), new URL(`atkinson-hyperlegible-latin-${style}.woff2`, fonts));
}
cpSync(new URL(`${fontsource}LICENSE`, import.meta.url), new URL("LICENSE", fonts));
console.log("Atkinson Hyperlegible copied to core/static/vendor/atkinson-hyperlegible/");
