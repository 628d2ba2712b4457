/** A quote of one symbol. Prices are in the quote currency, times ISO 8601. */
export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  last: number;
  time: string;
}

const START_PRICES: Record<string, number> = {
  'BTC-USD': 64_000,
  'ETH-USD': 3_200,
  'SOL-USD': 150,
};

/** The symbols the simulated venue lists. */
export const SYMBOLS = Object.keys(START_PRICES);

/**
 * Simulated market data: a small random walk per symbol, ticking on a timer. The age of
 * the newest tick is what a real feed's staleness would be, and grows when the event loop
 * stalls, exactly as a real feed handler's would.
 */
export class MarketData {
  private readonly prices = new Map(Object.entries(START_PRICES));
  private lastTickAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(tickMs = 250) {
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /** Milliseconds since the last tick. */
  ageMs(): number {
    return Date.now() - this.lastTickAt;
  }

  quote(symbol: string): Quote | undefined {
    const last = this.prices.get(symbol);
    if (last === undefined) return undefined;
    const spread = last * 0.0002;
    return {
      symbol,
      bid: round(last - spread / 2),
      ask: round(last + spread / 2),
      last: round(last),
      time: new Date(this.lastTickAt).toISOString(),
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    for (const [symbol, price] of this.prices) {
      this.prices.set(symbol, price * (1 + (Math.random() - 0.5) * 0.001));
    }
    this.lastTickAt = Date.now();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
