// Input limits of the trading settings shared by the API's validation and the settings form (no imports: safe in
// the browser bundle).

/** The longest custom strategy prompt a user may save, in characters (the form shows the count against it). */
export const CUSTOM_PROMPT_MAX = 2000;

/** The highest leverage any plan or market offers; anything above is a typo, refused with the other errors. */
export const LEVERAGE_LIMIT = 125;
