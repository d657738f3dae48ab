import { float, int, length, list, nested, oneOf, range, str, type Field } from '../marshmallow/fields.ts';
import { Schema } from '../marshmallow/schema.ts';
import { ACTIONS, apikey, coerceQuantityToInt, exchange, OPTION_TYPES, PRICE_TYPES, PRODUCTS, VALID_EXCHANGES } from './common.ts';

/**
 * OpenAlgo's order request schemas (`restx_api/schemas.py`), field for field: which keys are required,
 * their defaults, ranges and messages. Lower-case `buy`/`sell`/`ce`/`pe` pass, products and price types
 * are case-sensitive, unknown keys are refused.
 */
const action = (): Field => str({ required: true, validate: [oneOf(ACTIONS)] });
const positiveQty = (error = 'Quantity must be a positive number.'): Field => float({ required: true, validate: [range({ min: 0, minInclusive: false, error })] });
const price = (required = false): Field =>
  float({ ...(required ? { required } : { loadDefault: 0 }), validate: [range({ min: 0, error: 'Price must be a non-negative number.' })] });
const triggerPrice = (required = false): Field =>
  float({ ...(required ? { required } : { loadDefault: 0 }), validate: [range({ min: 0, error: 'Trigger price must be a non-negative number.' })] });
const disclosed = (required = false): Field =>
  int({ ...(required ? { required } : { loadDefault: 0 }), validate: [range({ min: 0, error: 'Disclosed quantity must be a non-negative integer.' })] });
const pricetype = (): Field => str({ loadDefault: 'MARKET', validate: [oneOf(PRICE_TYPES)] });
const product = (choices: readonly string[] = PRODUCTS): Field => str({ loadDefault: 'MIS', validate: [oneOf(choices)] });
const strategy = (): Field => str({ required: true });
const splitsize = (): Field => int({ loadDefault: 0, allowNone: true, validate: [range({ min: 0, error: 'Split size must be a non-negative integer.' })] });
const optionQty = (): Field => int({ required: true, validate: [range({ min: 1, error: 'Quantity must be a positive integer.' })] });

const orderTail = { pricetype: pricetype(), product: product(), price: price(), trigger_price: triggerPrice(), disclosed_quantity: disclosed() };

export const OrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), exchange: exchange(), symbol: str({ required: true }), action: action(), quantity: positiveQty(),
    ...orderTail, underlying_ltp: float({ loadDefault: null, allowNone: true }),
  },
  postLoad: coerceQuantityToInt,
});

export const SmartOrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), exchange: exchange(), symbol: str({ required: true }), action: action(),
    quantity: float({ required: true, validate: [range({ min: 0, error: 'Quantity must be a non-negative number.' })] }),
    position_size: float({ required: true }), ...orderTail,
  },
  postLoad: coerceQuantityToInt,
});

export const ModifyOrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), exchange: exchange(), symbol: str({ required: true }), orderid: str({ required: true }), action: action(),
    product: str({ required: true, validate: [oneOf(PRODUCTS)] }), pricetype: str({ required: true, validate: [oneOf(PRICE_TYPES)] }),
    price: price(true), quantity: positiveQty(), disclosed_quantity: disclosed(true), trigger_price: triggerPrice(true),
  },
  postLoad: coerceQuantityToInt,
});

export const CancelOrderSchema = new Schema({ fields: { apikey: apikey(), strategy: strategy(), orderid: str({ required: true }) } });
export const ClosePositionSchema = new Schema({ fields: { apikey: apikey(), strategy: strategy() } });
export const CancelAllOrderSchema = new Schema({ fields: { apikey: apikey(), strategy: strategy() } });

const BasketOrderItemSchema = new Schema({
  fields: { exchange: exchange(), symbol: str({ required: true }), action: action(), quantity: positiveQty(), ...orderTail },
  postLoad: coerceQuantityToInt,
});

export const BasketOrderSchema = new Schema({ fields: { apikey: apikey(), strategy: strategy(), orders: list(nested(BasketOrderItemSchema), { required: true }) } });

export const SplitOrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), exchange: exchange(), symbol: str({ required: true }), action: action(),
    quantity: positiveQty('Total quantity must be a positive number.'),
    splitsize: int({ required: true, validate: [range({ min: 1, error: 'Split size must be a positive integer.' })] }),
    ...orderTail,
  },
  postLoad: coerceQuantityToInt,
});

const optionTail = { pricetype: pricetype(), product: product(['MIS', 'NRML']), price: price(), trigger_price: triggerPrice(), disclosed_quantity: disclosed() };
const strikeInt = (): Field => int({ allowNone: true, validate: [range({ min: 1 })] });

export const OptionsOrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), underlying: str({ required: true }), exchange: exchange(), expiry_date: str(), strike_int: strikeInt(),
    offset: str({ required: true }), option_type: str({ required: true, validate: [oneOf(OPTION_TYPES)] }), action: action(), quantity: optionQty(),
    splitsize: splitsize(), ...optionTail,
  },
});

const OptionsMultiOrderLegSchema = new Schema({
  fields: {
    offset: str({ required: true }), option_type: str({ required: true, validate: [oneOf(OPTION_TYPES)] }), action: action(), quantity: optionQty(),
    splitsize: splitsize(), expiry_date: str(), ...optionTail,
  },
});

export const OptionsMultiOrderSchema = new Schema({
  fields: {
    apikey: apikey(), strategy: strategy(), underlying: str({ required: true }), exchange: exchange(), expiry_date: str(), strike_int: strikeInt(),
    legs: list(nested(OptionsMultiOrderLegSchema), { required: true, validate: [length({ min: 1, max: 20, error: 'Legs must contain 1 to 20 items.' })] }),
  },
});

export const SyntheticFutureSchema = new Schema({
  fields: { apikey: apikey(), underlying: str({ required: true }), exchange: exchange(), expiry_date: str({ required: true }) },
});

const MarginPositionSchema = new Schema({
  fields: {
    symbol: str({ required: true, validate: [length({ min: 1, max: 50, error: 'Symbol must be between 1 and 50 characters.' })] }),
    exchange: str({ required: true, validate: [oneOf(VALID_EXCHANGES)] }),
    action: action(),
    quantity: str({ required: true }),
    product: str({ required: true, validate: [oneOf(PRODUCTS)] }),
    pricetype: str({ required: true, validate: [oneOf(PRICE_TYPES)] }),
    price: str({ loadDefault: '0' }),
    trigger_price: str({ loadDefault: '0' }),
  },
});

export const MarginCalculatorSchema = new Schema({
  fields: {
    apikey: str({ required: true, validate: [length({ min: 1, max: 256, error: 'API key must be between 1 and 256 characters.' })] }),
    positions: list(nested(MarginPositionSchema), { required: true, validate: [length({ min: 1, max: 50, error: 'Positions must contain 1 to 50 items.' })] }),
  },
});
