import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's scale: 3 = "safely unguessable: moderate protection from offline slow-hash scenario"
 * (about 10^8 guesses and more), the level its authors recommend as a minimum for sign-up.
 */
const MIN_SCORE = 3;

/**
 * Password strength by zxcvbn-ts (dictionaries of common passwords, names and English words,
 * keyboard patterns, repeats, sequences and dates), counting the user's own email and name as
 * guessable. Kept on the server, so the web bundle does not carry the dictionaries (~1.5 MB).
 */
@Injectable()
export class PasswordStrength {
  private estimator: ZxcvbnFactory | null = null;

  /** Why the password is too weak, and how to fix it; null when it is strong enough. */
  weakness(password: string, personalInputs: readonly string[]): string | null {
    const result = this.zxcvbn().check(password, personalWords(personalInputs));
    if (result.score >= MIN_SCORE) return null;
    const why = result.feedback.warning ?? 'This password is easy to guess.';
    const fix =
      result.feedback.suggestions.length > 0
        ? result.feedback.suggestions.join(' ')
        : 'Use a few uncommon words, or a longer phrase only you would think of.';
    return `is too easy to guess. ${ensurePeriod(why)} ${fix}`;
  }

  /** Built on first use: loading the dictionaries takes a moment and some memory. */
  private zxcvbn(): ZxcvbnFactory {
    this.estimator ??= new ZxcvbnFactory({
      // zxcvbn's matching grows fast with length and l33t variants: with its defaults (256, 100) a
      // 200-character symbol string blocked the event loop for seconds; with these, a few tens of
      // ms. Only the first 64 characters are judged, so a weak start is refused, never a strong one.
      maxLength: 64,
      l33tMaxSubstitutions: 4,
      translations: zxcvbnEnglish.translations,
      graphs: zxcvbnCommon.adjacencyGraphs,
      dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    });
    return this.estimator;
  }
}

/** The email, its local part and their words, and the name's words, as zxcvbn's user inputs. */
function personalWords(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const lower = input.toLowerCase();
    words.add(lower);
    words.add(lower.split('@')[0]!);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
