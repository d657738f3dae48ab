/** One formatter for the module: `toLocaleString('en-IN')` builds a new one on every call, which a sizing note paid on every bar. */
const EN_IN = new Intl.NumberFormat('en-IN');

/** Whole rupees in the Indian grouping, as a signal note shows them: ₹1,23,456. */
export const rupees = (x: number): string => `₹${EN_IN.format(Math.round(x))}`;
