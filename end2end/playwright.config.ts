import { defineConfig } from '@playwright/test';

// Every spec runs twice: once hydrated, once with JavaScript off, because every path must
// work without the wasm. Tests tagged @phone run twice more on the screen of a small phone,
// hydrated and without JavaScript; phone.spec runs only there, hydrated. The
// server is the release binary on a fresh temporary database, with the clock fixed to a
// Tuesday morning so the same places are open on every run.
const port = Number(process.env.E2E_PORT ?? 3100);
export const FIXED_TIME = '2026-11-24T10:30:00+01:00';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true }, testIgnore: /(light|phone)\.spec/ },
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /(light|phone)\.spec/ },
    {
      name: 'phone',
      use: { javaScriptEnabled: true, viewport: { width: 360, height: 740 } },
      testIgnore: /light\.spec/,
      grep: /@phone/,
    },
    {
      name: 'phone-no-js',
      use: { javaScriptEnabled: false, viewport: { width: 360, height: 740 } },
      testIgnore: /(light|phone)\.spec/,
      grep: /@phone/,
    },
    // Switching lights on changes every "open now" list, so those specs run last.
    {
      name: 'light-hydrated',
      use: { javaScriptEnabled: true },
      testMatch: /light\.spec/,
      dependencies: ['hydrated', 'no-js', 'phone', 'phone-no-js'],
    },
    {
      name: 'light-no-js',
      use: { javaScriptEnabled: false },
      testMatch: /light\.spec/,
      dependencies: ['hydrated', 'no-js', 'phone', 'phone-no-js'],
    },
  ],
  webServer: {
    command: './start-server.sh',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), BUURTPLEIN_FIXED_TIME: FIXED_TIME },
  },
});
