package org.truce.domain.actor;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The matching keys of an actor name: what two spellings of one name have in common.
 *
 * <p>{@link #of} is the <em>spelling</em> key. It ignores case, diacritics, punctuation, invisible
 * formatting characters, and the article variants that transliterations of Arabic names use
 * inconsistently: Latin "al-", "el-", "ad-", "ash-" ..., Cyrillic "аль-", "ан-", "аш-" ... and the
 * Arabic "ال" at the start of a word. In Arabic script it also folds the letters that writers
 * interchange: alef with hamza or madda and alef wasla to bare alef, hamza on waw or yeh to the bare
 * letter, standalone hamza dropped, taa marbuta to heh, alef maqsura to yeh, Persian kaf and yeh to
 * the Arabic letters; tatweel and harakat are dropped. Cyrillic ё is е. "Jabhat al-Nuṣrah", "JABHAT
 * AL NUSRA" and "Jabhat el-Nusra" give {@code jabhat nusrah} / {@code jabhat nusra}; "جبهة النُّصرة"
 * and "جبهه النصره" give one key.
 *
 * <p>{@link #transliteration} is a looser key for Latin and Cyrillic names: it also folds the
 * vowels (Jabhat/Jebhat, Nusra/Nosra, Hezbollah/Hizbullah), doubled letters, a final "h" after a
 * vowel (Nusrah), common consonant spellings (kh/h, q/k, dj/j, ph/f, w/v) and reads Cyrillic as
 * Latin, so that "Джебхат ан-Нусра" meets "Jabhat an-Nusra". It is meant as a fallback when the
 * spelling key finds nothing: it keeps the number of vowel groups, so Islam and Salam stay apart,
 * but short names collide easily, which is why {@link #MIN_TRANSLITERATION_LENGTH} applies.
 *
 * <p>Both keys are idempotent: a key is its own key.
 */
public final class NameKey {
    /** Transliteration keys shorter than this (without spaces) match nothing: acronyms are one vowel apart. */
    public static final int MIN_TRANSLITERATION_LENGTH = 5;

    /** Combining marks (Latin diacritics, Arabic harakat, hamza above/below, madda), tatweel, and format characters (ZWNJ, RLM, BOM, soft hyphen). */
    private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\p{Me}\\p{Cf}\\u0640]");
    /** An apostrophe-like mark inside a word of two or more letters is an ayn or hamza: Da'esh is Daesh, Qur'an is Quran. */
    private static final Pattern INNER_APOSTROPHE = Pattern.compile("(?<=\\p{L}\\p{L})['’‘ʿʾʼʻʹ`](?=\\p{L})");
    /** Any other one separates words ("l'Armée", "al-'Adl"); some are letters to Unicode (ʿ, ʾ), so they go explicitly. */
    private static final Pattern APOSTROPHE = Pattern.compile("['’‘ʿʾʼʻʹ`]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Articles as whole words (the hyphen is a space by now), each followed by another word. */
    private static final Pattern ARTICLE = Pattern.compile(
            "(?<![^ ])(al|el|ad|ar|as|ash|at|az|an|ath|adh|ul|l|аль|эль|ал|ан|аш|ад|ар|ас|аз|ат|уль|ль) (?=\\S)");
    private static final Pattern ARABIC_ARTICLE = Pattern.compile("(?<![^ ])(?:ال)+(?=\\S)");

    private static final Pattern VOWELS = Pattern.compile("(?:[aeiou]|y(?![aeiou]))+");
    private static final Pattern DOUBLED = Pattern.compile("(\\p{L})\\1+");
    private static final Pattern FINAL_H = Pattern.compile("(?<=a)h(?![^ ])");

    private NameKey() {
    }

    /** The spelling key of {@code name}; empty when it has no letters or digits. */
    public static String of(String name) {
        String text = name;
        // A pass can expose what another pass folds (a lowercase letter that decomposes, an article
        // behind an article); repeating to a fixed point makes the key its own key.
        for (int i = 0; i < 8; i++) {
            String next = pass(text);
            if (next.equals(text)) {
                break;
            }
            text = next;
        }
        return text;
    }

    private static String pass(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        text = Normalizer.normalize(text, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("");
        text = INNER_APOSTROPHE.matcher(text).replaceAll("");
        text = APOSTROPHE.matcher(text).replaceAll(" ");
        text = fold(text);
        text = NON_WORD.matcher(text).replaceAll(" ").strip();
        text = ARTICLE.matcher(text).replaceAll("");
        text = ARABIC_ARTICLE.matcher(text).replaceAll("");
        return text.strip();
    }

    /** Letters that writers of one name interchange, and digits of any script as ASCII digits. */
    private static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case 'ё' -> out.append('е');
                case 'ٱ', 'ٲ', 'ٳ', 'ٵ' -> out.append('ا'); // alef wasla and alefs with wavy hamza
                case 'ة', 'ە', 'ۀ', 'ہ', 'ھ' -> out.append('ه'); // taa marbuta and the heh forms
                case 'ى', 'ی', 'ې', 'ۍ', 'ئ' -> out.append('ي'); // alef maqsura, Persian yeh, hamza on yeh
                case 'ؤ', 'ٶ' -> out.append('و');
                case 'ک', 'ڪ' -> out.append('ك');
                case 'ء', 'ٴ' -> { // standalone hamza: written or not
                }
                default -> {
                    if (Character.isDigit(c) && c > 0x7f) {
                        out.append((char) ('0' + Character.digit(c, 10)));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The transliteration key of {@code name}: its spelling key with Cyrillic read as Latin and the
     * vowels and common consonant spellings folded (see the class comment).
     */
    public static String transliteration(String name) {
        String text = of(name);
        // Folding can turn a word into an article ("un" → "an"), which the spelling key then drops.
        for (int i = 0; i < 8; i++) {
            String next = loosen(of(text));
            if (next.equals(text)) {
                break;
            }
            text = next;
        }
        return text;
    }

    /** True if the transliteration key {@code key} is long enough to match on. */
    public static boolean usableTransliteration(String key) {
        return key.replace(" ", "").length() >= MIN_TRANSLITERATION_LENGTH;
    }

    private static String loosen(String key) {
        String text = cyrillicToLatin(key);
        text = text.replace("dzh", "j").replace("dj", "j").replace("kh", "h").replace("ph", "f").replace("gh", "g")
                .replace("ck", "k").replace('q', 'k').replace('w', 'v');
        text = VOWELS.matcher(text).replaceAll("a");
        text = DOUBLED.matcher(text).replaceAll("$1");
        text = FINAL_H.matcher(text).replaceAll("");
        return text;
    }

    private static final String CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя";
    private static final String[] LATIN = {"a", "b", "v", "g", "d", "e", "j", "z", "i", "y", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

    private static String cyrillicToLatin(String text) {
        String source = text.replace("дж", "j");
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            int at = CYRILLIC.indexOf(c);
            out.append(at < 0 ? String.valueOf(c) : LATIN[at]);
        }
        return out.toString();
    }
}
