/**
 * Headless Chromium for the browser specs (playwright-core drives Debian's chromium-headless-shell,
 * which .ci/run installs), and a local HTTP server for the pages and bundles they load. WebGL2 runs on
 * Chromium's SwiftShader (a CPU implementation), the only GL a machine without a GPU has.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, or Debian's headless shell / full browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}): apt-get install chromium-headless-shell, or set CHROMIUM_PATH`);
  return found;
}

/** A browser and a server of in-memory files; `page()` opens `/` and collects console lines and page errors. */
export interface Harness {
  url: string;
  page(path?: string): Promise<{ page: Page; console: string[]; errors: string[] }>;
  close(): Promise<void>;
}

/** Starts Chromium and serves `files` (path → [content type, body]) on 127.0.0.1. */
export async function openChromium(files: Record<string, [string, string | Uint8Array]>): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0]];
    if (!f) { res.statusCode = 404; res.end(); return; }
    res.setHeader('content-type', f[0]);
    res.end(f[1]);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      // software WebGL (SwiftShader) must be asked for since Chromium 137; the sandbox needs user namespaces CI may lack
      args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--no-sandbox'],
    });
  } catch (e) {
    server.close();
    throw e;
  }
  return {
    url,
    async page(path = '/') {
      const page = await browser.newPage();
      const console: string[] = [], errors: string[] = [];
      page.on('console', (m) => { if (!/GPU stall due to ReadPixels/.test(m.text())) console.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
      await page.goto(url + path);
      return { page, console, errors };
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}
