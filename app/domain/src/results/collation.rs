//! Sorting people's names the Vietnamese way: by given name (the last word), then the middle
//! name(s), then the family name; letters in Vietnamese order (a ă â b c d đ e ê … o ô ơ … u ư …),
//! and within the same letters, tones in dictionary order (ngang, huyền, hỏi, ngã, sắc, nặng).

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// (letter rank, tone rank) of each letter of a word, with unknown characters after the alphabet.
fn word_key(word: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    let lower = word.to_lowercase();
    let mut chars = lower.nfd().peekable();
    while let Some(c) = chars.next() {
        let mut base = c;
        let mut tone = 0u8;
        while let Some(&m) = chars.peek() {
            match m {
                '\u{306}' if base == 'a' => base = 'ă',
                '\u{302}' => {
                    base = match base {
                        'a' => 'â',
                        'e' => 'ê',
                        'o' => 'ô',
                        other => other,
                    }
                }
                '\u{31b}' => {
                    base = match base {
                        'o' => 'ơ',
                        'u' => 'ư',
                        other => other,
                    }
                }
                '\u{300}' => tone = 1,
                '\u{309}' => tone = 2,
                '\u{303}' => tone = 3,
                '\u{301}' => tone = 4,
                '\u{323}' => tone = 5,
                _ if unicode_normalization::char::is_combining_mark(m) => {}
                _ => break,
            }
            chars.next();
        }
        let rank = ALPHABET.chars().position(|a| a == base).map_or(1000 + base as u32, |p| p as u32);
        letters.push(rank);
        tones.push(tone);
    }
    (letters, tones)
}

/// The sort key of a full name: given name first, then middle names, then the family name.
pub fn name_key(full_name: &str) -> Vec<(Vec<u32>, Vec<u8>)> {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let Some((given, rest)) = words.split_last() else { return Vec::new() };
    let mut key = vec![word_key(given)];
    if let Some((family, middle)) = rest.split_first() {
        key.extend(middle.iter().map(|w| word_key(w)));
        key.push(word_key(family));
    }
    key
}

/// The name key as text that sorts byte-wise in the same order (for `ORDER BY` in SQL): per word,
/// two hex digits per letter, `!`, one digit per tone, `!`.
pub fn sort_key(full_name: &str) -> String {
    let mut out = String::new();
    for (letters, tones) in name_key(full_name) {
        for l in letters {
            out.push_str(&format!("{:02x}", l.min(255)));
        }
        out.push('!');
        for t in tones {
            out.push(char::from(b'0' + t));
        }
        out.push('!');
    }
    out
}

/// Compares two full names the Vietnamese way.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    name_key(a).cmp(&name_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare_names(a, b));
        v
    }

    #[test]
    fn names_sort_by_given_name_first() {
        assert_eq!(
            sorted(&["Trần Văn Bình", "Nguyễn Thị An", "Lê Bảo An", "Phạm Văn Cường"]),
            ["Lê Bảo An", "Nguyễn Thị An", "Trần Văn Bình", "Phạm Văn Cường"]
        );
    }

    #[test]
    fn vietnamese_letters_have_their_own_places() {
        // a < ă < â, d < đ < e, o < ô < ơ, u < ư.
        assert_eq!(sorted(&["Lê Ân", "Lê Ăn", "Lê An"]), ["Lê An", "Lê Ăn", "Lê Ân"]);
        assert_eq!(sorted(&["Võ Em", "Võ Đức", "Võ Dũng"]), ["Võ Dũng", "Võ Đức", "Võ Em"]);
        assert_eq!(sorted(&["Hồ Ơn", "Hồ Ôn", "Hồ On"]), ["Hồ On", "Hồ Ôn", "Hồ Ơn"]);
        assert_eq!(sorted(&["Lý Ưng", "Lý Ung"]), ["Lý Ung", "Lý Ưng"]);
    }

    #[test]
    fn tones_break_ties_in_dictionary_order() {
        assert_eq!(
            sorted(&["Bùi Hạ", "Bùi Há", "Bùi Hã", "Bùi Hả", "Bùi Hà", "Bùi Ha"]),
            ["Bùi Ha", "Bùi Hà", "Bùi Hả", "Bùi Hã", "Bùi Há", "Bùi Hạ"]
        );
        // Letters decide before tones: "Hà" before "Hai".
        assert_eq!(sorted(&["Đỗ Hai", "Đỗ Hà"]), ["Đỗ Hà", "Đỗ Hai"]);
    }

    #[test]
    fn the_text_key_sorts_like_the_comparison() {
        let names = [
            "Trần Văn Bình",
            "Nguyễn Thị An",
            "Lê Bảo An",
            "Bùi Hạ",
            "Bùi Ha",
            "Đỗ Hai",
            "Lê Ân",
            "Võ Đức",
            "Nguyễn An",
            "Nguyễn Anh",
        ];
        let mut by_key: Vec<&str> = names.to_vec();
        by_key.sort_by_key(|n| sort_key(n));
        let mut by_compare: Vec<&str> = names.to_vec();
        by_compare.sort_by(|a, b| compare_names(a, b));
        assert_eq!(by_key, by_compare);
    }

    #[test]
    fn same_given_name_then_middle_then_family() {
        assert_eq!(
            sorted(&["Trần Văn An", "Nguyễn Văn An", "Nguyễn Bá An"]),
            ["Nguyễn Bá An", "Nguyễn Văn An", "Trần Văn An"]
        );
    }
}
