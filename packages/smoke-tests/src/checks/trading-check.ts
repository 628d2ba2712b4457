import { formatMs } from '../format.js';
import { type Check, type CheckOutcome, fail, pass, skip } from './check-types.js';
import { runProbe } from './probe.js';
import { asObject, readJson } from './read-json.js';
import { DEFAULT_STATUS_PATH } from './status-check.js';

/** Market data older than this (ms) means the service trades on stale prices. */
export const DEFAULT_MAX_MARKET_DATA_AGE_MS = 30_000;

/**
 * `trading`: read-only by default. The status's `trading` block must say enabled and,
 * when it reports one, a market-data age under the limit. A configured probe then
 * exercises a side-effect-free endpoint (config validation refuses order placement
 * unless `allowOrders` is set).
 */
export const tradingCheck: Check = {
  name: 'trading',
  async run(context): Promise<CheckOutcome> {
    const settings = context.config.trading ?? {};
    const path = context.config.status?.path ?? DEFAULT_STATUS_PATH;
    const answer = await context.get(path);
    if (!answer.ok) return fail(`GET ${path}: ${answer.reason}`);
    const json = answer.status >= 200 && answer.status <= 299 ? readJson(answer) : undefined;
    const trading = json?.ok ? asObject(asObject(json.value)?.trading) : undefined;
    const details: Record<string, unknown> = {};
    if (!trading) {
      if (!settings.probe) {
        const why = json?.ok
          ? 'has no trading block'
          : `is not usable (HTTP ${answer.status}${json && !json.ok ? ', not JSON' : ''})`;
        return skip(`GET ${path} ${why}, and no trading probe is configured`);
      }
    } else {
      for (const key of ['mode', 'enabled', 'venues', 'marketDataAgeMs']) {
        if (trading[key] !== undefined) details[key] = trading[key];
      }
      if ((settings.requireEnabled ?? true) && trading.enabled !== true) {
        return fail(
          `expected trading.enabled true in GET ${path}, got ${JSON.stringify(trading.enabled ?? null)}`,
          details,
        );
      }
      const age = trading.marketDataAgeMs;
      const maxAge = settings.maxMarketDataAgeMs ?? DEFAULT_MAX_MARKET_DATA_AGE_MS;
      if (typeof age === 'number' && age > maxAge) {
        return fail(
          `market data is ${formatMs(age)} old (trading.marketDataAgeMs), over the ${formatMs(maxAge)} limit`,
          details,
        );
      }
    }
    if (!settings.probe) return pass(details);
    const probed = await runProbe(context, settings.probe);
    const merged = { ...details, probe: probed.details };
    return probed.status === 'pass'
      ? pass(merged)
      : fail(probed.error ?? 'trading probe failed', merged);
  },
};
