// Link and CPU conditions, as the values CDP's Network.emulateNetworkConditions takes (throughput in
// bytes per second, latency in ms added to each request) and Emulation.setCPUThrottlingRate.

/**
 * Chrome DevTools "Slow 3G": front_end/core/sdk/NetworkManager.ts, Slow3GConditions —
 * download and upload 500 * 1000 / 8 * .8 bytes/s (400 kbps), latency 400 * 5 ms. The 0.8 and 5 are
 * DevTools' adjustments that make request-level throttling behave like a packet-level 500 kbps / 400 ms
 * RTT link (crbug.com/721112). Puppeteer's PredefinedNetworkConditions['Slow 3G'] has the same numbers.
 */
export const DEVTOOLS_SLOW_3G = {
  name: 'DevTools Slow 3G',
  offline: false,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
  latency: 400 * 5,
};

/**
 * Lighthouse "Slow 4G" (throttling.mobileSlow4G in lighthouse core/config/constants.js): rttMs 150,
 * throughputKbps 1.6 * 1024 = 1638.4, applied with DevTools throttling as requestLatencyMs =
 * 150 * DEVTOOLS_RTT_ADJUSTMENT_FACTOR (3.75) = 562.5 ms, downloadThroughputKbps = 1638.4 * 0.9,
 * uploadThroughputKbps = 750 * 0.9 (DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR). Lighthouse's
 * core/lib/emulation.js turns Kbps into bytes/s as Kbps * 1024 / 8.
 */
export const LIGHTHOUSE_SLOW_4G = {
  name: 'Lighthouse Slow 4G',
  offline: false,
  downloadThroughput: (1.6 * 1024 * 0.9 * 1024) / 8,
  uploadThroughput: (750 * 0.9 * 1024) / 8,
  latency: 150 * 3.75,
};

/** The sync budget's link in DESIGN.md: 400 kbps each way, 400 ms added to each request. */
export const LINK_400K_400MS = {
  name: '400 kbps / 400 ms',
  offline: false,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
  latency: 400,
};

export const UNTHROTTLED = {
  name: 'unthrottled (localhost)',
  offline: false,
  downloadThroughput: -1,
  uploadThroughput: -1,
  latency: 0,
};

/** Lighthouse's mobile CPU slowdown, and the one DESIGN.md's budgets are stated at. */
export const CPU_SLOWDOWN = 4;
