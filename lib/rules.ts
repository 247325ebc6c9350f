/** The one rule for each kind of value every part of the product checks (form, schemas, providers). */

/** A phone number in E.164: "+", a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** An e-mail address as a form can check it: something, "@", a domain with a dot and a top-level part of 2+. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
