import { sql, type RawBuilder } from 'kysely';
import type { CurrencyConfig } from '../config';

/**
 * Amounts in the corporate currency. Deals carry their own currency (Salesforce multi-currency,
 * or the local CRM's `currency`); anything that adds amounts up or compares them with thresholds
 * (pipeline-gap weights, won and influenced amounts, influence credit pools, deal-size bands)
 * converts first, so 100,000 JPY never weighs like 100,000 USD.
 */
export type Currencies = CurrencyConfig | (() => CurrencyConfig);

export const currenciesOf = (c: Currencies | undefined): (() => CurrencyConfig) =>
  typeof c === 'function' ? c : () => c ?? { corporate: 'USD', rates: {} };

/** The amount in the corporate currency; null when there is no amount or no rate for its currency. */
export function toCorporate(amount: number | null, currency: string | null | undefined, c: CurrencyConfig): number | null {
  if (amount === null) return null;
  const code = currency ?? c.corporate;
  if (code === c.corporate) return amount;
  const rate = c.rates[code];
  return rate === undefined ? null : amount * rate;
}

/**
 * The same conversion in SQL, for sums computed by the database: `amount * rate` by the row's
 * currency, NULL (left out of SUM) without a rate. Currency codes and rates are bound parameters.
 */
export function sqlToCorporate(amount: RawBuilder<unknown>, currency: RawBuilder<unknown>, c: CurrencyConfig): RawBuilder<number | null> {
  const rates = Object.entries(c.rates).filter(([code]) => code !== c.corporate);
  const whens = rates.map(([code, rate]) => sql`WHEN ${currency} = ${code} THEN ${amount} * CAST(${rate} AS DOUBLE PRECISION)`);
  return sql<
    number | null
  >`(CASE WHEN ${currency} IS NULL OR ${currency} = ${c.corporate} THEN ${amount} ${sql.join(whens, sql` `)} ELSE NULL END)`;
}
