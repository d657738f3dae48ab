import { bool, date, float, int, length, list, nested, oneOf, range, str, type Validator } from '../marshmallow/fields.ts';
import { Schema } from '../marshmallow/schema.ts';
import { apikey, exchange, FO_EXCHANGES, OPTION_TYPES, PRODUCTS } from './common.ts';

/** OpenAlgo's data, symbol and account request schemas (`restx_api/data_schemas.py`, `account_schema.py`). */
const symbolExchange = { apikey: apikey(), symbol: str({ required: true }), exchange: exchange() };
const keyOnly = (): Schema => new Schema({ fields: { apikey: apikey() } });

/** `validate_option_offset`: ATM, ITM1..ITM50, OTM1..OTM50 in any case. */
const optionOffset: Validator = (v: never) => {
  const s = (v as string).toUpperCase();
  return s === 'ATM' || /^(ITM|OTM)([1-9]|[1-4][0-9]|50)$/.test(s) ? undefined : 'Offset must be ATM, ITM1-ITM50, or OTM1-OTM50';
};

export const HISTORY_INTERVALS = ['1s', '5s', '10s', '15s', '30s', '45s', '1m', '2m', '3m', '5m', '10m', '15m', '20m', '30m', '1h', '2h', '3h', '4h', 'D', 'W', 'M', 'Q', 'Y'] as const;

export const QuotesSchema = new Schema({ fields: symbolExchange });
export const DepthSchema = new Schema({ fields: symbolExchange });
export const SymbolSchema = new Schema({ fields: symbolExchange });
export const MultiQuotesSchema = new Schema({
  fields: {
    apikey: apikey(),
    symbols: list(nested(new Schema({ fields: { symbol: str({ required: true }), exchange: exchange() } })), { required: true, validate: [length({ min: 1 })] }),
  },
});
export const HistorySchema = new Schema({
  fields: {
    ...symbolExchange,
    interval: str({ required: true, validate: [oneOf(HISTORY_INTERVALS)] }),
    start_date: date({ required: true }),
    end_date: date({ required: true }),
    source: str({ loadDefault: 'api', validate: [oneOf(['api', 'db'])] }),
  },
});
export const IntervalsSchema = keyOnly();
export const SearchSchema = new Schema({ fields: { apikey: apikey(), query: str({ required: true }), exchange: exchange({}) } });
export const ExpirySchema = new Schema({
  fields: {
    apikey: apikey(), symbol: str({ required: true }), exchange: str({ required: true, validate: [oneOf(FO_EXCHANGES)] }),
    instrumenttype: str({ required: true, validate: [oneOf(['futures', 'options'])] }),
  },
});
export const OptionSymbolSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: str({ allowNone: true }), underlying: str({ required: true }), exchange: exchange(), expiry_date: str(),
    strike_int: int({ allowNone: true, validate: [range({ min: 1 })] }), offset: str({ required: true, validate: [optionOffset] }),
    option_type: str({ required: true, validate: [oneOf(OPTION_TYPES)] }),
  },
});
export const OptionGreeksSchema = new Schema({
  fields: {
    apikey: apikey(), symbol: str({ required: true }), exchange: str({ required: true, validate: [oneOf(FO_EXCHANGES)] }),
    interest_rate: float({ validate: [range({ min: 0, max: 100 })] }), forward_price: float({ validate: [range({ min: 0 })] }),
    underlying_symbol: str(), underlying_exchange: str(), expiry_time: str(),
  },
});
export const MultiOptionGreeksSchema = new Schema({
  fields: {
    apikey: apikey(),
    symbols: list(
      nested(new Schema({ fields: { symbol: str({ required: true }), exchange: str({ required: true, validate: [oneOf(FO_EXCHANGES)] }), underlying_symbol: str(), underlying_exchange: str() } })),
      { required: true, validate: [length({ min: 1, max: 50 })] },
    ),
    interest_rate: float({ validate: [range({ min: 0, max: 100 })] }),
    expiry_time: str(),
  },
});
export const InstrumentsSchema = new Schema({ fields: { apikey: apikey(), exchange: exchange({}), format: str({ validate: [oneOf(['json', 'csv'])] }) } });
export const OptionChainSchema = new Schema({
  fields: {
    apikey: apikey(), underlying: str({ required: true }), exchange: exchange(), expiry_date: str({ required: true }),
    strike_count: int({ allowNone: true, validate: [range({ min: 1, max: 100 })] }),
    with_greeks: bool({ loadDefault: false }),
    interest_rate: float({ allowNone: true, validate: [range({ min: 0, max: 100 })] }),
  },
});
export const MarketHolidaysSchema = new Schema({ fields: { apikey: apikey(), year: int({ validate: [range({ min: 2020, max: 2050 })] }) } });
export const MarketTimingsSchema = new Schema({ fields: { apikey: apikey(), date: str({ required: true }) } });

export const FundsSchema = keyOnly();
export const OrderbookSchema = keyOnly();
export const TradebookSchema = keyOnly();
export const PositionbookSchema = keyOnly();
export const HoldingsSchema = keyOnly();
export const AnalyzerSchema = keyOnly();
export const PingSchema = keyOnly();
export const OrderStatusSchema = new Schema({ fields: { apikey: apikey(), strategy: str({ required: true }), orderid: str({ required: true }) } });
export const OpenPositionSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: str({ required: true }), symbol: str({ required: true }), exchange: str({ required: true }),
    product: str({ required: true, validate: [oneOf(PRODUCTS)] }),
  },
});
export const AnalyzerToggleSchema = new Schema({ fields: { apikey: apikey(), mode: bool({ required: true }) } });
