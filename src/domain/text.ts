/**
 * Text as people read it: the rules every field a person types goes
 * through, in one place, for the schemas (contribution.schema.ts,
 * moderation.ts) and the forms' counters. Lengths are counted in code
 * points, as PostgreSQL's char_length does, so "😀" is one character in the
 * form, in the schema and in the database alike (String#length would say 2).
 */
import * as z from "zod/mini";
// For its side effect: zod's CSP-safe setting, before any schema is built with these checks.
import "./validation";

/** Half of a UTF-16 surrogate pair, alone: not a character, and PostgreSQL cannot store it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store the text as it is: no NUL, no lone surrogate (refuse the rest with a message, never a 500). */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !loneSurrogate.test(value);
}

/** Number of Unicode code points, as PostgreSQL's char_length counts them: an emoji such as "😀" is 1. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * The text as the schemas keep it: trimmed, then in Unicode NFC, so that
 * "cafe\u0301" (e + combining accent) and "café" are the same text, stored
 * and compared once.
 */
export function normalizeText(value: string): string {
  return value.trim().normalize("NFC");
}

/** The length the schemas check for what a person typed: code points of the trimmed NFC text. */
export function typedLength(value: string): number {
  return codePointLength(normalizeText(value));
}

/**
 * Characters that leave no visible mark on their own: white space, control
 * and format characters (zero-width space and joiners, U+FEFF, U+2060, soft
 * hyphen, bidi controls, tags), separators, combining marks with nothing to
 * combine with, default-ignorable code points (Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0; variation selectors) and the blank Braille
 * pattern U+2800, which no Unicode property singles out.
 */
const invisibleOnly = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when the text has at least one character a reader can see. */
export function hasVisibleCharacter(value: string): boolean {
  return !invisibleOnly.test(value);
}

/**
 * Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069): invisible, they reorder what follows, so
 * "\u202eAdmin\u202c" or "\u202enimdA" can pass for another name.
 */
const bidiControl = /\p{Bidi_Control}/u;

/** True when the text holds a bidirectional control character. */
export function hasBidiControl(value: string): boolean {
  return bidiControl.test(value);
}

/** Check: at least `min` code points. Use it instead of z.minLength, which counts UTF-16 units. */
export function minCodePoints(min: number, message: string) {
  return z.refine<string>((value) => codePointLength(value) >= min, message);
}

/** Check: at most `max` code points. Use it instead of z.maxLength, which counts UTF-16 units. */
export function maxCodePoints(max: number, message: string) {
  return z.refine<string>((value) => codePointLength(value) <= max, message);
}

/** Check: the text is empty (then another check says what is missing) or shows at least one character. */
export function visibleText(message: string) {
  return z.refine<string>((value) => value === "" || hasVisibleCharacter(value), message);
}

/** Check: no bidirectional control character. */
export function noBidiControl(message: string) {
  return z.refine<string>((value) => !hasBidiControl(value), message);
}

/**
 * A string a person typed, as every schema takes it: trimmed, in NFC, and
 * refused with `invalidMessage` when PostgreSQL could not store it.
 * `typeMessage` answers a value that is not a string at all.
 */
export function typedText(typeMessage: string, invalidMessage: string) {
  return z.string({ error: typeMessage }).check(z.trim(), z.normalize("NFC"), z.refine(isStorableText, invalidMessage));
}
