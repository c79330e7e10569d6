// Draws the add-in's icons (contact card, work offline, sync now) and writes them to
// assets/*.png. Dependency-free on purpose: shapes are inside/outside tests on a 32-unit design
// grid, antialiased by supersampling, and the PNG encoder (with its CRC32) is written by hand.
// Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

/** Fluent UI's brand blue, so the ribbon icons match the task pane. */
const BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];
const GRID = 32;
/** Samples per pixel along each axis; 8×8 keeps the edges smooth even at 16 px. */
const SUPERSAMPLE = 8;

/** Icon name → pixel sizes; the manifest references exactly these files. */
const ICONS = {
  icon: { sizes: [16, 32, 64, 80, 128], draw: contactCard },
  offline: { sizes: [16, 32, 80], draw: cloudOffline },
  sync: { sizes: [16, 32, 80], draw: syncArrows },
};

// --- shapes: each returns a predicate (x, y) => boolean in grid units ---

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

/** A line segment with round caps, `width` wide. */
function stroke(ax, ay, bx, by, width) {
  const lx = bx - ax;
  const ly = by - ay;
  const len2 = lx * lx + ly * ly;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * lx + (y - ay) * ly) / len2));
    return (x - ax - t * lx) ** 2 + (y - ay - t * ly) ** 2 <= (width / 2) ** 2;
  };
}

function triangle(ax, ay, bx, by, cx, cy) {
  const side = (px, py, qx, qy, x, y) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const s1 = side(ax, ay, bx, by, x, y);
    const s2 = side(bx, by, cx, cy, x, y);
    const s3 = side(cx, cy, ax, ay, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

/** A ring segment from angle `from` to `to` (degrees, clockwise on screen since y points down). */
function arc(cx, cy, radius, width, from, to) {
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    if (Math.abs(d - radius) > width / 2) return false;
    const angle = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
    const offset = (((angle - from) % 360) + 360) % 360;
    return offset <= to - from;
  };
}

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
const intersect = (a, b) => (x, y) => a(x, y) && b(x, y);

// --- the three glyphs: layers painted in order, later layers on top ---

/** A business card: a person (head and shoulders) beside two lines of text. */
function contactCard() {
  const person = union(
    circle(10.5, 12.5, 3.6),
    intersect(circle(10.5, 24, 6.8), (_x, y) => y <= 22),
  );
  // Card edges and text lines sit on whole pixels at 16 px (even grid units) to stay crisp.
  const lines = union(stroke(19, 13, 26, 13, 2), stroke(19, 19, 24, 19, 2));
  return [
    { color: BLUE, shape: roundedRect(2, 4, 30, 28, 4) },
    { color: WHITE, shape: union(person, lines) },
  ];
}

/** A cloud struck through, with a transparent gap round the slash (wider at 16 px, or it blurs). */
function cloudOffline(size) {
  const cloud = union(
    circle(9, 18.5, 6),
    circle(17, 13, 8.5),
    circle(24.5, 18.5, 5.5),
    stroke(8, 21.5, 25, 21.5, 7),
  );
  // Odd grid ends put the slash through pixel centres at 16 px, so it stays a clean diagonal.
  const slash = stroke(5, 5, 27, 27, 2.8);
  const gap = stroke(5, 5, 27, 27, size <= 16 ? 8 : 6.4);
  return [{ color: BLUE, shape: union(minus(cloud, gap), slash) }];
}

/** Two arrows chasing each other round a circle. */
function syncArrows(size) {
  const c = 16;
  // At 16 px a one-pixel ring on whole pixels leaves room for arrowheads that still read.
  const small = size <= 16;
  const radius = small ? 9 : 9.5;
  const width = small ? 2 : 3;
  const arrow = (fromDeg, toDeg) => {
    const end = (toDeg * Math.PI) / 180;
    const [ex, ey] = [c + radius * Math.cos(end), c + radius * Math.sin(end)];
    const [nx, ny] = [Math.cos(end), Math.sin(end)]; // outwards
    const [tx, ty] = [-ny, nx]; // direction of travel (clockwise)
    const half = small ? 6 : 5.5;
    const tip = small ? 7 : 6;
    const head = triangle(
      ex + nx * half,
      ey + ny * half,
      ex - nx * half,
      ey - ny * half,
      ex + tx * tip,
      ey + ty * tip,
    );
    return union(arc(c, c, radius, width, fromDeg, toDeg), head);
  };
  return [{ color: BLUE, shape: union(arrow(-175, -30), arrow(5, 150)) }];
}

// --- rasterising and PNG encoding ---

/** Returns RGBA rows, each prefixed by PNG filter byte 0 (none). */
function render(layers, size) {
  const scale = GRID / size;
  const row = 1 + size * 4;
  const out = Buffer.alloc(row * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale;
          const top = layers.findLast((layer) => layer.shape(x, y));
          if (!top) continue;
          r += top.color[0];
          g += top.color[1];
          b += top.color[2];
          a += 1;
        }
      }
      const at = py * row + 1 + px * 4;
      // Colours are averaged over covered samples only (un-premultiplied), alpha over all.
      if (a > 0) out.set([r / a, g / a, b / a].map(Math.round), at);
      out[at + 3] = Math.round((a * 255) / SUPERSAMPLE ** 2);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * An ICO file holding `pngs` (size → PNG bytes): a 6-byte header, a 16-byte entry per image,
 * then the images. Browsers have read PNG images inside ICO files since Windows Vista's time.
 */
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([size, png]) => {
    const entry = Buffer.alloc(16);
    entry.set([size % 256, size % 256, 0, 0], 0); // 0 means 256; no palette
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}

const assets = fileURLToPath(new URL("../assets/", import.meta.url));
mkdirSync(assets, { recursive: true });
const favicon = [];
for (const [name, { sizes, draw }] of Object.entries(ICONS)) {
  for (const size of sizes) {
    const file = `${name}-${size}.png`;
    const png = encodePng(size, render(draw(size), size));
    writeFileSync(assets + file, png);
    console.log(`assets/${file} (${size}×${size})`);
    if (name === "icon" && size <= 32) favicon.push([size, png]);
  }
}
// The browser asks every page's origin for /favicon.ico; the build serves this one there.
writeFileSync(assets + "favicon.ico", encodeIco(favicon));
console.log("assets/favicon.ico (16×16, 32×32)");
