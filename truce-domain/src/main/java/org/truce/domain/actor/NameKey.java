package org.truce.domain.actor;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The matching key of an actor name: what two spellings of one name have in common. It ignores
 * case, diacritics, punctuation, Arabic tatweel and harakat, and the article variants
 * "al-", "el-", "ad-", "ash-" ... that transliterations of Arabic names use inconsistently.
 * "Jabhat al-Nuṣrah", "JABHAT AL NUSRA" and "Jabhat el-Nusra" all give {@code jabhat nusra}.
 */
public final class NameKey {
    private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\u0640]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern ARTICLE = Pattern.compile(
            "(^| )(al|el|ad|ar|as|ash|at|az|an|ath|adh|ul|l) (?=\\S)");
    private static final Pattern ARABIC_ARTICLE = Pattern.compile("(^| )ال(?=\\S)");

    private NameKey() {
    }

    public static String of(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("");
        text = text.toLowerCase(Locale.ROOT).replace('ё', 'е');
        text = text.replace('ʿ', ' ').replace('ʾ', ' ').replace('\'', ' ').replace('’', ' ');
        text = NON_WORD.matcher(text).replaceAll(" ").strip();
        text = ARTICLE.matcher(text).replaceAll("$1");
        text = ARABIC_ARTICLE.matcher(text).replaceAll("$1");
        return text.strip();
    }
}
