//! Text helpers for Vietnamese: normalisation and accent-insensitive search.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Trims, collapses inner runs of whitespace to one space and puts the text in Unicode NFC, the
/// form every stored user text takes.
pub fn clean(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase, accent-free form used for searching: "Thủ tục" and "thu tuc" both fold to
/// "thu tuc", and "Đ" folds to "d".
pub fn fold(input: &str) -> String {
    input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest search query accepted, in characters, and most words in it.
pub const SEARCH_MAX_CHARS: usize = 100;
pub const SEARCH_MAX_WORDS: usize = 8;

/// A search query that is too long to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Từ khoá tìm kiếm quá dài: tối đa {SEARCH_MAX_CHARS} ký tự và {SEARCH_MAX_WORDS} từ.")]
pub struct SearchTooLong;

/// The folded words of a search query (every one must occur), or an error when the query is
/// longer than [`SEARCH_MAX_CHARS`] characters or [`SEARCH_MAX_WORDS`] words. Checked before
/// folding, so a huge query costs nothing.
pub fn search_terms(query: &str) -> Result<Vec<String>, SearchTooLong> {
    if query.chars().nth(SEARCH_MAX_CHARS * 4).is_some() {
        return Err(SearchTooLong);
    }
    let folded = fold(query);
    if folded.chars().count() > SEARCH_MAX_CHARS {
        return Err(SearchTooLong);
    }
    let words: Vec<String> = folded.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if words.len() > SEARCH_MAX_WORDS {
        return Err(SearchTooLong);
    }
    Ok(words)
}

/// A `LIKE` pattern matching `word` anywhere, with `%`, `_` and the backslash (the escape
/// character, `ESCAPE '\\'`) taken literally.
pub fn like_contains(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// True when every word of `query` occurs in `haystack`, ignoring case and diacritics.
pub fn matches_search(haystack: &str, query: &str) -> bool {
    let hay = fold(haystack);
    fold(query).split(' ').all(|word| hay.contains(word))
}

/// Formats an integer with Vietnamese thousands separators: 12345 becomes "12.345".
pub fn format_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A decimal the Vietnamese way: comma before the decimals, dots between thousands, and a
/// sign when `signed` (for differences): -1,00 · +0,25 · 1.234,5.
pub fn format_decimal(x: f64, places: usize, signed: bool) -> String {
    let scale = 10f64.powi(places as i32);
    let scaled = (x.abs() * scale).round();
    let whole = (scaled / scale).trunc() as i64;
    let frac = (scaled - whole as f64 * scale).round() as i64;
    let sign = if x < 0.0 && scaled > 0.0 {
        "-"
    } else if signed {
        "+"
    } else {
        ""
    };
    if places == 0 {
        format!("{sign}{}", format_number(whole))
    } else {
        format!("{sign}{},{frac:0places$}", format_number(whole))
    }
}

/// Breaks `text` into at most `max_lines` lines of at most `width` characters at spaces; what does
/// not fit ends the last line with "…" (for labels in charts).
pub fn wrap_words(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let fits = current.is_empty() || current.chars().count() + 1 + word.chars().count() <= width;
        if !fits {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == max_lines {
            break;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        if words.peek().is_none() {
            lines.push(std::mem::take(&mut current));
        }
    }
    let cut = lines.len() == max_lines && lines.join(" ").chars().count() < clean(text).chars().count();
    if cut && let Some(last) = lines.last_mut() {
        let kept: String = last.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{}…", kept.trim_end());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_trims_collapses_and_composes() {
        // "Nguyễn" written with a combining tilde and circumflex becomes the precomposed form.
        let decomposed = "  Nguye\u{302}\u{303}n   Va\u{306}n\tA ";
        assert_eq!(clean(decomposed), "Nguyễn Văn A");
    }

    #[test]
    fn fold_removes_diacritics_and_case() {
        for (input, folded) in [
            ("Thủ tục hành chính", "thu tuc hanh chinh"),
            ("ĐỒNG THUẬN", "dong thuan"),
            ("Quy Nhơn", "quy nhon"),
            ("  Sở   Nội vụ ", "so noi vu"),
        ] {
            assert_eq!(fold(input), folded, "{input}");
        }
    }

    #[test]
    fn search_queries_are_bounded_and_split_into_folded_words() {
        assert_eq!(search_terms("  Thủ   tục ").unwrap(), ["thu", "tuc"]);
        assert_eq!(search_terms("").unwrap(), Vec::<String>::new());
        assert_eq!(search_terms(&"a ".repeat(8)).unwrap().len(), 8);
        assert_eq!(search_terms(&"a ".repeat(9)), Err(SearchTooLong));
        assert_eq!(search_terms(&"x".repeat(101)), Err(SearchTooLong));
        assert_eq!(search_terms(&"word ".repeat(16_000)), Err(SearchTooLong));
        assert_eq!(search_terms(&"x".repeat(100)).unwrap().len(), 1);
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_contains("thu"), "%thu%");
        assert_eq!(like_contains("50%"), "%50\\%%");
        assert_eq!(like_contains("a_b"), "%a\\_b%");
        assert_eq!(like_contains("c:\\x"), "%c:\\\\x%");
    }

    #[test]
    fn labels_wrap_at_spaces_and_say_when_cut() {
        assert_eq!(wrap_words("Sở Nội vụ", 30, 2), ["Sở Nội vụ"]);
        assert_eq!(
            wrap_words("Đài Phát thanh và Truyền hình Bình Định", 24, 2),
            ["Đài Phát thanh và Truyền", "hình Bình Định"]
        );
        assert_eq!(
            wrap_words("Sở Lao động - Thương binh và Xã hội tỉnh Bình Định năm 2017", 16, 2),
            ["Sở Lao động -", "Thương binh và…"]
        );
        assert_eq!(wrap_words("", 10, 2), Vec::<String>::new());
    }

    #[test]
    fn decimals_use_a_comma_and_signs_where_asked() {
        for (x, places, signed, s) in [
            (-1.0, 2, true, "-1,00"),
            (0.25, 2, true, "+0,25"),
            (0.0, 2, true, "+0,00"),
            (1234.5, 1, false, "1.234,5"),
            (0.005, 2, false, "0,01"),
            (-0.001, 2, true, "+0,00"),
            (57.0, 0, false, "57"),
        ] {
            assert_eq!(format_decimal(x, places, signed), s, "{x}");
        }
    }

    #[test]
    fn numbers_use_dots_between_thousands() {
        for (n, s) in [(0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"), (-45000, "-45.000")] {
            assert_eq!(format_number(n), s);
        }
    }

    #[test]
    fn search_without_accents_finds_accented_text() {
        assert!(matches_search("Kiểm soát thủ tục hành chính", "thu tuc"));
        assert!(matches_search("Kiểm soát thủ tục hành chính", "HÀNH kiem"));
        assert!(!matches_search("Kiểm soát thủ tục hành chính", "một cửa"));
    }
}
